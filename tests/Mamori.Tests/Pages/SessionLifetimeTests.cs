using Microsoft.Extensions.Time.Testing;
using System.Net;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Pages;

/// <summary>A sign-in ends after Session:AbsoluteMinutes (here 60) even while it is in use every few minutes.</summary>
public abstract class SessionLifetimeTests(ShortSessionSqliteApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_busy_session_still_ends_at_its_absolute_limit()
    {
        var user = await App.AddUserAsync(Role.Admin, name: "長時間 利用");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(user);
        // Active every 10 minutes, so the 15-minute idle timeout never applies.
        for (var minutes = 0; minutes < 60; minutes += 10)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
            app.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains("/login", after.Location?.ToString(), StringComparison.Ordinal);
    }
}

public sealed class ShortSessionSqliteApp : MamoriApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Session:AbsoluteMinutes"] = "60" };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => SqliteDatabaseAsync();
}

public sealed class SqliteSessionLifetimeTests(ShortSessionSqliteApp app) : SessionLifetimeTests(app), IClassFixture<ShortSessionSqliteApp>;
