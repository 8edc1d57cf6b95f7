using System.Net;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Pages;

/// <summary>"すべての端末からサインアウト" ends the person's other sign-ins too; a sign-out ends the session on the server.</summary>
public abstract class SignOutEverywhereTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Signing_out_everywhere_ends_the_sign_in_on_another_device()
    {
        var user = await App.AddUserAsync(Role.Admin, name: "端末 二台");
        using var office = new Browser(App.CreateClient());
        using var phone = new Browser(App.CreateClient());
        await office.SignInAsync(user);
        await phone.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/")).Status);

        var account = await office.GetAsync("/account");
        Assert.Contains("端末 二台", account.Document.Body?.TextContent, StringComparison.Ordinal);
        var done = await office.SubmitAsync(account, "form[action*=SignOutEverywhere]");
        Assert.Equal(HttpStatusCode.Redirect, done.Status);

        var afterwards = await phone.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.Status);
        Assert.StartsWith("/login", afterwards.Location?.IsAbsoluteUri == true ? afterwards.Location.AbsolutePath : afterwards.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await office.GetAsync("/")).Status);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_a_copy_of_the_cookie_taken_before()
    {
        var user = await App.AddUserAsync(Role.Staff, await (await App.AdminApiAsync()).CreateFacilityAsync());
        var (browser, copy) = await SignedInTwiceAsync(user);
        using var _b = browser;
        using var _c = copy;

        var home = await browser.GetAsync("/");
        var signedOut = await browser.SubmitAsync(home, "form[action='/logout']");
        Assert.True(signedOut.Status == HttpStatusCode.Redirect, $"{signedOut.Status}: {signedOut.Document.Body?.TextContent}");
        Assert.Equal("/login", (await copy.GetAsync("/")).Location?.AbsolutePath);
        Assert.Contains(await SessionsAsync(user.Id), s => s.EndedAt is not null);
    }

    [Fact]
    public async Task A_session_ended_on_another_node_stops_working_here_within_five_seconds()
    {
        var user = await App.AddUserAsync(Role.Staff, await (await App.AdminApiAsync()).CreateFacilityAsync());
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);

        // What another node's sign-out writes; this node has just seen the session open.
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
            await db.SignInSessions.Where(s => s.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, DateTimeOffset.UtcNow), Ct);
        }
        await Task.Delay(OpenSessionCache.Lifetime + TimeSpan.FromMilliseconds(300), Ct);
        Assert.Equal("/login", (await browser.GetAsync("/")).Location?.AbsolutePath);
    }

    /// <summary>One sign-in, and a second browser holding a copy of its cookies (taken from the machine, say).</summary>
    private async Task<(Browser Signed, Browser Copy)> SignedInTwiceAsync(TestUser user)
    {
        var jar = new CookieContainer();
        var browser = new Browser(App.CreateClient(jar));
        await browser.SignInAsync(user);
        var copied = new CookieContainer();
        foreach (Cookie cookie in jar.GetAllCookies())
        {
            copied.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }
        var copy = new Browser(App.CreateClient(copied));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).Status);
        return (browser, copy);
    }

    private async Task<List<SignInSession>> SessionsAsync(Guid userId)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MamoriDbContext>().SignInSessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(Ct);
    }
}

public sealed class SqliteSignOutEverywhereTests(SqliteApp app) : SignOutEverywhereTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSignOutEverywhereTests(PostgresApp app) : SignOutEverywhereTests(app), IClassFixture<PostgresApp>;
