using System.Net;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Pages;

/// <summary>Sign-in posts from one address are throttled (here to 3 a minute) with a 429 and a Japanese message.</summary>
public abstract class RateLimitTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Repeated_sign_in_posts_from_one_address_get_429()
    {
        using var browser = new Browser(App.CreateClient());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var login = await browser.GetAsync("/login");
            var result = await browser.SubmitAsync(login, "form", new Dictionary<string, string?> { ["Email"] = "guess@example.jp", ["Password"] = $"guess-{i}-Password!" });
            statuses.Add(result.Status);
            if (result.Status == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("リクエストが多すぎます", result.Document.Body?.TextContent, StringComparison.Ordinal);
            }
        }
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // Pages other than the anonymous entries are not throttled.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/login")).Status);
    }
}

public sealed class LowLimitSqliteApp : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" };

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => SqliteDatabaseAsync();
}

[Collection(WallClockTests.Name)]
public sealed class SqliteRateLimitTests(LowLimitSqliteApp app) : RateLimitTests(app), IClassFixture<LowLimitSqliteApp>;
