using System.Net;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Audit;

/// <summary>
/// A restore from backup puts the database behind the anchor file, which looks like entries cut off the end:
/// `mamori audit restored` says so in a sealed entry per chain, after which the whole log verifies clean.
/// </summary>
public abstract class AuditRestoreTests(MamoriApp app) : IntegrationTest(app)
{
    private async Task<T> WithDbAsync<T>(Func<MamoriDbContext, Task<T>> action)
    {
        using var scope = App.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<MamoriDbContext>());
    }

    [Fact]
    public async Task After_a_restore_the_log_verifies_once_the_restore_is_recorded()
    {
        var installationAdmin = await App.AdminApiAsync();
        var facility = await installationAdmin.CreateFacilityAsync(name: "復元した病院");
        var admin = await App.AddUserAsync(Role.Admin, facility, name: "復元 管理者");
        using var client = await App.ApiClientAsync(admin);
        var round = await client.CreateAssessmentAsync(facility, "sysadmin");
        await client.PutAnswerAsync(round, 1, "yes").ExpectAsync(HttpStatusCode.NoContent);
        // The backup is taken here: everything stored after this row is what the restore loses.
        var backup = await WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Id, Ct));
        await client.PutAnswerAsync(round, 2, "no").ExpectAsync(HttpStatusCode.NoContent);
        await installationAdmin.CreateFacilityAsync(name: "復元で消える病院");
        Assert.True((await MamoriCli.RunAsync(App, null, "audit", "anchor")).ExitCode == 0);

        await WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" > {backup}", Ct));
        var detected = await MamoriCli.RunAsync(App, null, "audit", "verify");
        Assert.Equal(3, detected.ExitCode);
        Assert.Contains($"chain facility {facility}: entries", detected.Error, StringComparison.Ordinal);
        Assert.Contains("missing from the end", detected.Error, StringComparison.Ordinal);

        var restored = await MamoriCli.RunAsync(App, null, "audit", "restored");
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Contains($"chain facility {facility}: restore recorded", restored.Output, StringComparison.Ordinal);
        var marker = await WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Chain == facility.ToString() && e.Action == AuditLog.RestoreAction, Ct));
        Assert.StartsWith("anchor=", marker.Detail, StringComparison.Ordinal);

        var verified = await MamoriCli.RunAsync(App, null, "audit", "verify");
        Assert.True(verified.ExitCode == 0, verified.Error + verified.Output);

        // Work goes on after the restore, and is anchored and verified as usual.
        await client.PutAnswerAsync(round, 3, "yes").ExpectAsync(HttpStatusCode.NoContent);
        Assert.True((await MamoriCli.RunAsync(App, null, "audit", "anchor")).ExitCode == 0);
        var later = await MamoriCli.RunAsync(App, null, "audit", "verify");
        Assert.True(later.ExitCode == 0, later.Error + later.Output);
    }
}

public sealed class SqliteAuditRestoreTests(SqliteApp app) : AuditRestoreTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAuditRestoreTests(PostgresApp app) : AuditRestoreTests(app), IClassFixture<PostgresApp>;
