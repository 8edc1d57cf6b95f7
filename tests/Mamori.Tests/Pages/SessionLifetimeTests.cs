using System.Net;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Pages;

/// <summary>A sign-in ends after Session:AbsoluteMinutes even while it is in use (here 6 seconds).</summary>
public abstract class SessionLifetimeTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_busy_session_still_ends_at_its_absolute_limit()
    {
        var user = await App.AddUserAsync(Role.Admin, name: "長時間 利用");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains("/login", after.Location?.ToString(), StringComparison.Ordinal);
    }
}

public sealed class ShortSessionSqliteApp : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Session:AbsoluteMinutes"] = "0.1" };

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) =>
        Task.FromResult<(TestDatabase?, string?)>((new SqliteTestDatabase(), null));
}

public sealed class SqliteSessionLifetimeTests(ShortSessionSqliteApp app) : SessionLifetimeTests(app), IClassFixture<ShortSessionSqliteApp>;
