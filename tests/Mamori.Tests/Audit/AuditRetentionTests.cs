using Microsoft.Extensions.Time.Testing;
using System.Net;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Mamori.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Audit;

/// <summary>Retention: old entries go, the pruning is itself logged, and the chain still verifies from where it restarts.</summary>
public abstract class AuditRetentionTests(MamoriApp app, FakeTimeProvider clock) : IntegrationTest(app)
{
    private async Task<T> WithDbAsync<T>(Func<MamoriDbContext, Task<T>> action)
    {
        using var scope = App.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<MamoriDbContext>());
    }

    private Task<AuditVerification> VerifyAsync() => WithDbAsync(db => App.Services.CreateScope().ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(Ct));

    private Task<int> SqlAsync(string sql) => WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct));

    [Fact]
    public async Task Pruning_removes_old_entries_records_itself_and_the_rest_still_verifies()
    {
        var client = await App.AdminApiAsync();
        var old = await client.CreateRoundAsync("staff");
        await client.PutAnswerAsync(old, 1, "yes").ExpectAsync(HttpStatusCode.NoContent);
        // Installation administrators' entries are in the installation's chain; the facility's chain holds only its creation.
        var oldCount = await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Chain == AuditChain.Installation, Ct));
        var firstKept = await WithDbAsync(db => db.AuditEntries.Where(e => e.Chain == AuditChain.Installation).MaxAsync(e => e.Number, Ct)) + 1;

        clock.Advance(TimeSpan.FromDays(400));
        await client.PutAnswerAsync(old, 2, "no").ExpectAsync(HttpStatusCode.NoContent);
        Assert.True((await MamoriCli.RunAsync(App, null, "audit", "anchor")).ExitCode == 0);

        var removed = await WithDbAsync(db => App.Services.CreateScope().ServiceProvider.GetRequiredService<AuditLog>()
            .PruneBeforeAsync(clock.GetUtcNow().AddDays(-365), Ct));
        Assert.Equal(oldCount, removed);

        var entries = await WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Chain == AuditChain.Installation).OrderBy(e => e.Number).ToListAsync(Ct));
        Assert.Equal(firstKept, entries[0].Number);
        var prune = Assert.Single(entries, e => e.Action == AuditLog.PruneAction);
        Assert.Equal(firstKept.ToString(System.Globalization.CultureInfo.InvariantCulture), prune.TargetId);
        Assert.Contains($"previous={entries[0].PreviousHash}", prune.Detail, StringComparison.Ordinal);
        Assert.Contains($"removed={oldCount}", prune.Detail, StringComparison.Ordinal);

        // Anchored before and after: the pruned start is no truncation, and the head still matches the anchor.
        Assert.True((await MamoriCli.RunAsync(App, null, "audit", "anchor")).ExitCode == 0);
        var verified = await MamoriCli.RunAsync(App, null, "audit", "verify");
        Assert.True(verified.ExitCode == 0, verified.Error);

        // Nothing more is old enough: a second run removes nothing and adds no entry.
        Assert.Equal(0, await WithDbAsync(db => App.Services.CreateScope().ServiceProvider.GetRequiredService<AuditLog>()
            .PruneBeforeAsync(clock.GetUtcNow().AddDays(-365), Ct)));

        // Someone removing more entries by hand is not vouched for by any pruning: detected.
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Chain\" = '{AuditChain.Installation}' AND \"Number\" = {firstKept}");
        var gap = await VerifyAsync();
        Assert.Equal($"chain installation: entries 1 to {firstKept} are missing (no retention pruning was recorded for them)", gap.Break);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("0", 0)]
    [InlineData("30", AuditRetention.MinimumDays)]
    [InlineData("1825", 1825)]
    public void Retention_days_never_go_below_the_minimum(string? setting, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:RetentionDays"] = setting }).Build();
        Assert.Equal(expected, AuditRetention.Days(configuration));
    }
}

public sealed class ClockedSqliteApp : MamoriApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => SqliteDatabaseAsync();
}

public sealed class ClockedPostgresApp : MamoriApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => PostgresDatabaseAsync(ct);
}

public sealed class SqliteAuditRetentionTests(ClockedSqliteApp app) : AuditRetentionTests(app, app.Clock), IClassFixture<ClockedSqliteApp>;

public sealed class PostgresAuditRetentionTests(ClockedPostgresApp app) : AuditRetentionTests(app, app.Clock), IClassFixture<ClockedPostgresApp>;
