using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Audit;

/// <summary>
/// On PostgreSQL (several nodes, many facilities) each chain has its own append lock: a facility's changes never
/// queue behind another facility's writer. SQLite has one writer for the whole file anyway, so this is PostgreSQL's.
/// </summary>
public abstract class AuditChainLockTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_change_in_one_facility_does_not_wait_for_a_writer_of_another_facilitys_chain()
    {
        var installation = await App.AdminApiAsync();
        var (a, b) = (await installation.CreateFacilityAsync(name: "待たせる病院"), await installation.CreateFacilityAsync(name: "待たない病院"));
        using var clientA = await App.ApiClientAsync(await App.AddUserAsync(Role.Admin, a, name: "甲 管理者"));
        using var clientB = await App.ApiClientAsync(await App.AddUserAsync(Role.Admin, b, name: "乙 管理者"));

        Task<Guid> waiting;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
            await using var writer = await db.Database.BeginTransactionAsync(Ct);
            // A writer of facility A's chain, in the middle of its transaction.
            await AuditChain.LockAsync(db, [a.ToString()], Ct);

            var other = clientB.CreateAssessmentAsync(b, "sysadmin");
            Assert.Same(other, await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(20), Ct)));
            await other;
            waiting = clientA.CreateAssessmentAsync(a, "sysadmin");
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            Assert.False(waiting.IsCompleted, "A's change should wait for A's writer");
        }
        // The writer's transaction ends: A's change goes through.
        await waiting;
    }
}

public sealed class PostgresAuditChainLockTests(PostgresApp app) : AuditChainLockTests(app), IClassFixture<PostgresApp>;
