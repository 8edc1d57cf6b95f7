using System.Net;
using System.Text;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Security;

/// <summary>
/// What the framework says about a value it could not bind is in the reader's language: Japanese pages unless English
/// was chosen, and API problems in Japanese unless Accept-Language asks for English.
/// </summary>
public abstract class BindingMessageTests(MamoriApp app) : IntegrationTest(app)
{
    private static readonly Dictionary<string, string?> Unbindable = new() { ["Form.Name"] = "", ["Form.OnlineQualification"] = "abc" };

    [Fact]
    public async Task A_value_that_does_not_bind_is_told_in_japanese_on_a_page_and_in_english_once_english_is_chosen()
    {
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(await App.AddUserAsync(Role.Admin, name: "結合 確認"));

        var japanese = await browser.SubmitAsync(await browser.GetAsync("/facilities/new"), "form.stack", Unbindable);
        Assert.Equal(HttpStatusCode.BadRequest, japanese.Status);
        var errors = japanese.Text(".error");
        Assert.Contains("「abc」はOnlineQualificationの値として正しくありません。", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid", errors, StringComparison.Ordinal);

        await browser.GetAsync("/culture?lang=en&returnUrl=/facilities/new");
        var english = await browser.SubmitAsync(await browser.GetAsync("/facilities/new"), "form.stack", Unbindable);
        Assert.Contains("The value 'abc' is not valid for OnlineQualification.", english.Text(".error"), StringComparison.Ordinal);
        Assert.False(ApiCalls.IsJapanese(english.Text(".error")), english.Text(".error"));
    }

    [Fact]
    public async Task An_empty_non_nullable_field_gets_no_english_required_message()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync();
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(await App.AddUserAsync(Role.Admin, facility, "結合 確認"));
        var page = await browser.GetAsync($"/facilities/{facility}/campaigns");
        var refused = await browser.SubmitAsync(page, "form.campaign-form", new Dictionary<string, string?> { ["Mode"] = "", ["Title"] = "", ["OpensOn"] = "2026-12-01", ["ClosesOn"] = "abc" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.DoesNotContain("field is required", refused.Text(".error"), StringComparison.Ordinal);
        Assert.True(ApiCalls.IsJapanese(refused.Text(".error")), refused.Text(".error"));
    }

    [Theory]
    [InlineData("/api/v1/incidents?page=abc")]
    [InlineData("/api/v1/incidents?exercise=maybe")]
    public async Task An_api_parameter_that_does_not_bind_is_a_400_problem_in_japanese_or_english_when_asked(string url)
    {
        var api = await App.AdminApiAsync();
        var japanese = await api.GetAsync(url, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(ApiCalls.IsJapanese(japanese.GetProperty("detail").GetString()), japanese.GetRawText());
        Assert.Equal("リクエストの形式が正しくありません。パラメーターの値と各項目の型を確認してください。", japanese.GetProperty("detail").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Language", "en");
        using var response = await api.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.False(ApiCalls.IsJapanese(body), body);
        Assert.Contains("The request is malformed. Check the parameter values and the type of each field.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", "name=x")]
    [InlineData("application/json", "")]
    [InlineData("application/json", "[1,2]")]
    [InlineData("application/json", "{\"name\":12,\"kind\":\"hospital\"}")]
    public async Task A_body_that_is_not_the_json_expected_is_a_4xx_problem_in_japanese(string contentType, string body)
    {
        var api = await App.AdminApiAsync();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(contentType);
        using var response = await api.PostAsync("/api/v1/facilities", content, Ct);
        Assert.True((int)response.StatusCode is 400 or 415, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        var problem = await response.AssertProblemAsync(response.StatusCode);
        var expected = contentType == "text/plain" ? "JSON（Content-Type: application/json）で送信してください。"
            : body == "" ? "送信内容が空です。JSONの本文を送ってください。"
            : "リクエストの形式が正しくありません。JSONの構文と各項目の型を確認してください。";
        Assert.Equal(expected, problem.GetProperty("detail").GetString());
    }
}

public sealed class SqliteBindingMessageTests(SqliteApp app) : BindingMessageTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBindingMessageTests(PostgresApp app) : BindingMessageTests(app), IClassFixture<PostgresApp>;
