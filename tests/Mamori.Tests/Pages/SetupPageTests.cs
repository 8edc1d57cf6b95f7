using System.Net;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Pages;

/// <summary>First start: the console's one-time code lets its holder create the first administrator, once.</summary>
/// <remarks>Needs a database without users, so no other test shares this class's fixture.</remarks>
public abstract class SetupPageTests(MamoriApp app) : IntegrationTest(app)
{
    private const string CodeError = "セットアップコードが正しくないか、既に使用されています。";

    /// <summary>The code the console prints on a start with no users (WebApp.RunAsync → SetupLink).</summary>
    private async Task<string> ConsoleCodeAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().IssueSetupCodeAsync(Ct)
            ?? throw new InvalidOperationException("The app issued no setup code although it has no users.");
    }

    [Theory]
    [InlineData("/setup?code=AAAA-BBBB-CCCC-DDDD")]
    [InlineData("/setup")]
    public async Task A_wrong_or_missing_code_shows_the_error_and_no_form(string url)
    {
        // A real code is outstanding (unless the other test already created the administrator), yet this one is wrong.
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>().IssueSetupCodeAsync(Ct);
        }
        using var browser = new Browser(App.CreateClient());
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains(CodeError, page.Text(".error"), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("form input[name=Password]"));
    }

    [Fact]
    public async Task The_console_code_creates_the_administrator_and_then_stops_working()
    {
        var code = await ConsoleCodeAsync();
        using var browser = new Browser(App.CreateClient());
        using var latecomer = new Browser(App.CreateClient());
        var form = await browser.GetAsync($"/setup?code={code}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var lateForm = await latecomer.GetAsync($"/setup?code={code.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, lateForm.Status);

        var fields = new Dictionary<string, string?>
        {
            ["Name"] = "初代 管理者",
            ["Email"] = "first-admin@example.jp",
            ["Password"] = MamoriApp.Password,
            ["PasswordConfirm"] = MamoriApp.Password + "x",
        };
        var mismatch = await browser.SubmitAsync(form, "form", fields);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Contains("確認用のパスワードが一致しません。", mismatch.Text(".error"), StringComparison.Ordinal);

        fields["PasswordConfirm"] = MamoriApp.Password;
        var done = await browser.SubmitAsync(form, "form", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("/facilities/new", done.Location?.OriginalString);
        // Two-factor is required for administrators: nothing else opens until the authenticator is set up.
        var held = await browser.GetAsync("/facilities/new");
        Assert.Equal(HttpStatusCode.Redirect, held.Status);
        Assert.Equal("/account/two-factor", held.Location?.OriginalString);
        var (_, recoveryCodes) = await browser.EnrolAsync(App);
        Assert.Equal(10, recoveryCodes.Count);
        // Signed in as an administrator of the whole installation: may register the first facility.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/facilities/new")).Status);

        var reused = await latecomer.SubmitAsync(lateForm, "form", new Dictionary<string, string?>
        {
            ["Name"] = "二人目",
            ["Email"] = "second-admin@example.jp",
            ["Password"] = MamoriApp.Password,
            ["PasswordConfirm"] = MamoriApp.Password,
        });
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Contains(CodeError, reused.Text(".error"), StringComparison.Ordinal);

        var again = await latecomer.GetAsync($"/setup?code={code}");
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Contains(CodeError, again.Text(".error"), StringComparison.Ordinal);

        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
        Assert.NotNull(await users.FindByEmailAsync("first-admin@example.jp"));
        Assert.Null(await users.FindByEmailAsync("second-admin@example.jp"));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<AccountService>().IssueSetupCodeAsync(Ct));
    }
}

public sealed class SqliteSetupPageTests(SqliteApp app) : SetupPageTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSetupPageTests(PostgresApp app) : SetupPageTests(app), IClassFixture<PostgresApp>;
