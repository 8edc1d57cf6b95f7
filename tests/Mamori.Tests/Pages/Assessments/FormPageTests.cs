using System.Net;
using System.Text.Json;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Pages.Assessments;

/// <summary>The answer form without JavaScript: one form, saved with the button (handler Save).</summary>
public abstract class FormPageTests(MamoriApp app) : IntegrationTest(app)
{
    /// <summary>An executive round, a browser signed in as its author, and the author's API client to act as "someone else".</summary>
    private sealed record SignedInRound(Browser Browser, HttpClient Api, Guid Id) : IDisposable
    {
        public void Dispose()
        {
            Browser.Dispose();
            Api.Dispose();
        }
    }

    private async Task<SignedInRound> SignedInRoundAsync()
    {
        var user = await App.AddUserAsync(Role.Admin, name: "画面 記入者");
        var api = await App.ApiClientAsync(user);
        var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(user);
        return new SignedInRound(browser, api, await api.CreateRoundAsync("executive"));
    }

    [Fact]
    public async Task Saving_the_form_stores_answers_and_memos()
    {
        using var setup = await SignedInRoundAsync();
        var (browser, api, id) = setup;
        var page = await browser.GetAsync($"/assessments/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(18, page.Document.QuerySelectorAll("form#answers tr[data-number]").Length);

        var saved = await browser.SubmitAsync(page, "form#answers", new Dictionary<string, string?>
        {
            ["Answers[1]"] = "yes",
            ["Answers[2]"] = "no",
            ["Memos[3]"] = "紙の台帳で管理している",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal($"/assessments/{id}", saved.Location?.OriginalString);
        var round = await api.GetAssessmentAsync(id);
        Assert.Equal("yes", round.Answer(1).GetProperty("answer").GetString());
        Assert.Equal("no", round.Answer(2).GetProperty("answer").GetString());
        Assert.Equal("紙の台帳で管理している", round.Answer(3).GetProperty("memo").GetString());
        Assert.Equal(JsonValueKind.Null, round.Answer(3).GetProperty("answer").ValueKind);
        Assert.Equal(JsonValueKind.Null, round.Answer(4).GetProperty("answer").ValueKind);

        var reloaded = await browser.GetAsync($"/assessments/{id}");
        Assert.NotNull(reloaded.Document.QuerySelector("input[name='Answers[1]'][value=yes][checked]"));
        Assert.NotNull(reloaded.Document.QuerySelector("input[name='Answers[2]'][value=no][checked]"));
        Assert.Equal("保存しました。", reloaded.Text(".flash"));
    }

    [Fact]
    public async Task A_stale_form_reports_the_conflict_and_does_not_overwrite()
    {
        using var setup = await SignedInRoundAsync();
        var (browser, api, id) = setup;
        var page = await browser.GetAsync($"/assessments/{id}");
        // Someone else answers item 4 after this form was loaded.
        await api.PutAnswersAsync(id, [4], "yes");

        var result = await browser.SubmitAsync(page, "form#answers", new Dictionary<string, string?>
        {
            ["Answers[4]"] = "no",
            ["Answers[5]"] = "yes",
        });

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Contains("他の人が先に変更したため保存しませんでした", result.Text("p.error"), StringComparison.Ordinal);
        Assert.Contains("conflict", result.Document.QuerySelector("tr#item-4")!.ClassList);
        Assert.DoesNotContain("conflict", result.Document.QuerySelector("tr#item-5")!.ClassList);
        // The page shows the answer that is now stored, so the person can decide again.
        Assert.NotNull(result.Document.QuerySelector("input[name='Answers[4]'][value=yes][checked]"));

        var round = await api.GetAssessmentAsync(id);
        Assert.Equal("yes", round.Answer(4).GetProperty("answer").GetString());
        Assert.Equal("yes", round.Answer(5).GetProperty("answer").GetString());
    }

    [Fact]
    public async Task A_completed_round_shows_the_form_disabled()
    {
        using var setup = await SignedInRoundAsync();
        var (browser, api, id) = setup;
        await api.CompleteAsync(id).ExpectAsync(HttpStatusCode.NoContent);
        var page = await browser.GetAsync($"/assessments/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(18, page.Document.QuerySelectorAll("fieldset.answer[disabled]").Length);
        Assert.NotNull(page.Document.QuerySelector("form textarea[name=reason]"));
    }
}

public sealed class SqliteFormPageTests(SqliteApp app) : FormPageTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresFormPageTests(PostgresApp app) : FormPageTests(app), IClassFixture<PostgresApp>;
