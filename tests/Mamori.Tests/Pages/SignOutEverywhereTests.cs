using System.Net;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Pages;

/// <summary>"すべての端末からサインアウト" ends the person's other sign-ins too, and is logged.</summary>
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
}

public sealed class SqliteSignOutEverywhereTests(SqliteApp app) : SignOutEverywhereTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSignOutEverywhereTests(PostgresApp app) : SignOutEverywhereTests(app), IClassFixture<PostgresApp>;
