using System.Net;
using System.Net.Http.Headers;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Pages;

/// <summary>A person's own API tokens: made only after re-entering the password, shown once, revoked at once.</summary>
public abstract class ApiTokenPageTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_token_is_made_after_re_authentication_shown_once_and_revoked()
    {
        var user = await App.AddUserAsync(Role.Admin, name: "連携 担当");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(user);
        var page = await browser.GetAsync("/account/tokens");

        var refused = await browser.SubmitAsync(page, "form[action*=Create]", new Dictionary<string, string?> { ["Label"] = "集計", ["ExpiresDays"] = "30", ["Password"] = "not-my-password-1!" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("パスワードが正しくありません", refused.Text(".error"), StringComparison.Ordinal);
        Assert.Null(refused.Document.QuerySelector("#token-value"));

        var made = await browser.SubmitAsync(page, "form[action*=Create]", new Dictionary<string, string?> { ["Label"] = "集計スクリプト", ["ExpiresDays"] = "30", ["Password"] = MamoriApp.Password });
        Assert.Equal(HttpStatusCode.OK, made.Status);
        var token = made.Text("#token-value") ?? "";
        Assert.Matches("^mmr_[A-Za-z0-9_-]{43}$", token);

        using var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await api.GetAsync("/api/v1/catalogs", Ct).ExpectAsync(HttpStatusCode.OK);

        var list = await browser.GetAsync("/account/tokens");
        Assert.Null(list.Document.QuerySelector("#token-value"));
        Assert.DoesNotContain(token, list.Document.Body?.TextContent, StringComparison.Ordinal);
        Assert.Contains("集計スクリプト", list.Text("table"), StringComparison.Ordinal);

        var revoked = await browser.SubmitAsync(list, "form[action*=Revoke]");
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        await api.GetAsync("/api/v1/catalogs", Ct).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("失効", (await browser.GetAsync("/account/tokens")).Text("table"), StringComparison.Ordinal);
    }
}

public sealed class SqliteApiTokenPageTests(SqliteApp app) : ApiTokenPageTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresApiTokenPageTests(PostgresApp app) : ApiTokenPageTests(app), IClassFixture<PostgresApp>;
