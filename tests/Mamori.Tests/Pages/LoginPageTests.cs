using System.Net;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Pages;

public abstract class LoginPageTests(MamoriApp app) : IntegrationTest(app)
{
    private static async Task<HtmlPage> SignInAsync(Browser browser, string email, string password, string url = "/login")
    {
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await browser.SubmitAsync(page, "form", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/facilities/new")]
    [InlineData("/assessments/0194b6a0-0000-7000-8000-000000000000/print")]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string url)
    {
        using var browser = new Browser(App.CreateClient());
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/login", page.Location!.AbsolutePath);
        Assert.Equal("?ReturnUrl=" + Uri.EscapeDataString(url), page.Location.Query);
    }

    [Fact]
    public async Task Pages_load_their_styles_and_scripts_from_the_app_itself()
    {
        using var browser = new Browser(App.CreateClient());
        var page = await browser.GetAsync("/login");
        var assets = page.Document.QuerySelectorAll("link[href], script[src], img[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, url => Assert.Matches("^/[^/]", url)); // no other host, not even protocol-relative
        foreach (var url in assets)
        {
            using var response = await browser.Client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        var user = await App.AddUserAsync(Role.Admin);
        using var browser = new Browser(App.CreateClient());

        var wrongPassword = await SignInAsync(browser, user.Email, MamoriApp.Password + "x");
        var unknownEmail = await SignInAsync(browser, "nobody-" + user.Email, MamoriApp.Password);

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.Status);
        Assert.Equal(wrongPassword.Status, unknownEmail.Status);
        Assert.Contains("メールアドレスまたはパスワードが正しくありません。", wrongPassword.Text(".error"), StringComparison.Ordinal);
        Assert.Equal(wrongPassword.Text(".error"), unknownEmail.Text(".error"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);
    }

    [Fact]
    public async Task The_right_password_signs_in_and_returns_to_the_page_asked_for()
    {
        // Staff: no second factor by default (TwoFactorTests covers the administrator's sign-in).
        var user = await App.AddUserAsync(Role.Staff, await (await App.AdminApiAsync()).CreateFacilityAsync());
        using var browser = new Browser(App.CreateClient());

        var signedIn = await SignInAsync(browser, user.Email, MamoriApp.Password, "/login?ReturnUrl=%2Fcatalog");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/catalog", signedIn.Location?.OriginalString);
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.NotNull(home.Document.QuerySelector("form[action='/logout']"));
    }

    [Fact]
    public async Task A_return_address_off_the_site_is_ignored()
    {
        var user = await App.AddUserAsync(Role.Staff, await (await App.AdminApiAsync()).CreateFacilityAsync());
        using var browser = new Browser(App.CreateClient());
        var signedIn = await SignInAsync(browser, user.Email, MamoriApp.Password, "/login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/", signedIn.Location?.OriginalString);
    }
}

public sealed class SqliteLoginPageTests(SqliteApp app) : LoginPageTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresLoginPageTests(PostgresApp app) : LoginPageTests(app), IClassFixture<PostgresApp>;
