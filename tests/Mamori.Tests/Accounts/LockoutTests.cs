using System.Net;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Accounts;

/// <summary>Lockout after repeated failures (here set to 3 failures and 10 minutes), logged, and silent about whether the account exists.</summary>
public abstract class LockoutTests(MamoriApp app) : IntegrationTest(app)
{
    private async Task<HtmlPage> TryAsync(string email, string password)
    {
        using var browser = new Browser(App.CreateClient());
        return await browser.SubmitAsync(await browser.GetAsync("/login"), "form", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
    }

    [Fact]
    public async Task The_configured_number_of_failures_locks_the_account_for_the_configured_time()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "施錠病院");
        var nurse = await App.AddUserAsync(Role.Staff, facility, "施錠 看護師");
        var before = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await TryAsync(nurse.Email, $"Wrong-guess-{i}-2026!")).Status);
        }
        var locked = await TryAsync(nurse.Email, MamoriApp.Password);
        Assert.Equal(HttpStatusCode.BadRequest, locked.Status);
        var unknown = await TryAsync($"nobody-{Guid.NewGuid():N}@example.jp", MamoriApp.Password);
        Assert.Equal(unknown.Text(".error"), locked.Text(".error"));

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        var end = await db.Users.Where(u => u.Id == nurse.Id).Select(u => u.LockoutEnd).FirstAsync(Ct);
        Assert.NotNull(end);
        Assert.InRange(end!.Value, before.AddMinutes(10), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(5));
        var log = await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == nurse.Id.ToString()).ToListAsync(Ct);
        Assert.Equal(2, log.Count(e => e.Action == "sign-in.failed"));
        Assert.Contains(log, e => e.Action == "sign-in.locked-out" && e.Result == AuditResult.Denied);
    }
}

public sealed class LockoutSqliteApp : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Lockout:MaxFailedAttempts"] = "3", ["Lockout:Minutes"] = "10" };

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => SqliteDatabaseAsync();
}

public sealed class LockoutPostgresApp : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Lockout:MaxFailedAttempts"] = "3", ["Lockout:Minutes"] = "10" };

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => PostgresDatabaseAsync(ct);
}

public sealed class SqliteLockoutTests(LockoutSqliteApp app) : LockoutTests(app), IClassFixture<LockoutSqliteApp>;

public sealed class PostgresLockoutTests(LockoutPostgresApp app) : LockoutTests(app), IClassFixture<LockoutPostgresApp>;
