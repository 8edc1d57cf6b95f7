using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Web;

/// <summary>
/// Refusals in the reader's language: the API in English only when Accept-Language asks for it, the pages in English
/// only when the person chose English (/culture); Japanese otherwise.
/// </summary>
public abstract class EnglishRefusalsTests(MamoriApp app) : IntegrationTest(app)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<HttpResponseMessage> PutAnswerAsync(HttpClient client, Guid id, int number, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/assessments/{id}/answers/{number}") { Content = JsonContent.Create(new { answer = "yes" }) };
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task An_api_refusal_is_English_when_Accept_Language_asks_for_it_and_Japanese_otherwise()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");

        using (var english = await PutAnswerAsync(client, id, 99, "en-US,en;q=0.9,ja;q=0.5"))
        {
            var problem = await ProblemAsync(english, HttpStatusCode.BadRequest);
            Assert.Equal("Some of the input is not valid.", problem.GetProperty("title").GetString());
            Assert.Equal("There is no item 99 in this checklist.", problem.GetProperty("detail").GetString());
            Assert.Equal("number", problem.GetProperty("field").GetString());
        }
        using (var japanese = await PutAnswerAsync(client, id, 99, null))
        {
            var problem = await japanese.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("入力内容に誤りがあります。", problem.GetProperty("title").GetString());
            Assert.Equal("項目番号 99 はこのチェックリストにありません。", problem.GetProperty("detail").GetString());
        }
        using (var japaneseAsked = await PutAnswerAsync(client, id, 99, "ja-JP"))
        {
            var problem = await japaneseAsked.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("項目番号 99 はこのチェックリストにありません。", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Problems_from_the_exception_handler_and_status_pages_follow_Accept_Language_too()
    {
        var client = await App.AdminApiAsync();
        using (var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/facilities") { Content = new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json") })
        {
            malformed.Headers.TryAddWithoutValidation("Accept-Language", "en");
            using var response = await client.SendAsync(malformed, Ct);
            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("Some of the input is not valid.", problem.GetProperty("title").GetString());
            Assert.Equal("The request is malformed. Check the JSON syntax and the type of each field.", problem.GetProperty("detail").GetString());
        }
        using var anonymous = App.CreateClient();
        using var unauthenticated = new HttpRequestMessage(HttpMethod.Get, "/api/v1/facilities");
        unauthenticated.Headers.TryAddWithoutValidation("Accept-Language", "en");
        using var refused = await anonymous.SendAsync(unauthenticated, Ct);
        var unauthorized = await ProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal("Authentication is required.", unauthorized.GetProperty("title").GetString());
        Assert.False(ApiCalls.IsJapanese(unauthorized.GetProperty("detail").GetString()), unauthorized.GetRawText());
    }

    [Fact]
    public async Task A_refused_form_post_in_the_English_ui_shows_the_English_message()
    {
        var admin = await App.AddUserAsync(Role.Admin, name: "英語 管理者");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);
        var tooLong = new string('守', 201);
        var changes = new Dictionary<string, string?> { ["Form.Name"] = tooLong, ["Form.Kind"] = "hospital" };

        var japanese = await browser.SubmitAsync(await browser.GetAsync("/facilities/new"), "form.stack", changes);
        Assert.Equal(HttpStatusCode.BadRequest, japanese.Status);
        Assert.Contains("医療機関名は200文字以内で入力してください。", japanese.Text(".error"), StringComparison.Ordinal);

        var chosen = await browser.GetAsync("/culture?lang=en&returnUrl=/facilities/new");
        Assert.Equal(HttpStatusCode.Redirect, chosen.Status);
        var english = await browser.SubmitAsync(await browser.GetAsync("/facilities/new"), "form.stack", changes);
        Assert.Equal(HttpStatusCode.BadRequest, english.Status);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Facility name must be at most 200 characters.", english.Text(".error"), StringComparison.Ordinal);
        Assert.False(ApiCalls.IsJapanese(english.Text(".error")), english.Text(".error"));
    }

    [Fact]
    public async Task An_English_browser_keeps_the_Japanese_pages_until_English_is_chosen()
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.TryAddWithoutValidation("Accept-Language", "en-US,en;q=0.9");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"ja\">", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteEnglishRefusalsTests(SqliteApp app) : EnglishRefusalsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresEnglishRefusalsTests(PostgresApp app) : EnglishRefusalsTests(app), IClassFixture<PostgresApp>;
