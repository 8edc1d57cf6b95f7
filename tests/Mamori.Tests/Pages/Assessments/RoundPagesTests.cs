using System.Globalization;
using System.Net;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Pages.Assessments;

/// <summary>The read-only screens of a round: print view, result with to-do list, change history.</summary>
public abstract class RoundPagesTests(MamoriApp app) : IntegrationTest(app)
{
    /// <summary>An executive round with item 1 ○ and items 2 and 16 ×, and a browser signed in as its author.</summary>
    private async Task<(Browser Browser, TestUser User, Guid Id)> AnsweredRoundAsync(string name = "表示 確認者")
    {
        var user = await App.AddUserAsync(Role.Admin, name: name);
        using var api = await App.ApiClientAsync(user);
        var id = await api.CreateRoundAsync("executive");
        await api.PutAnswersAsync(id, [1], "yes");
        await api.PutAnswersAsync(id, [2, 16], "no");
        var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(user);
        return (browser, user, id);
    }

    private static (string? Ratio, string? Count) ResultRow(HtmlPage page, string key)
    {
        var cells = page.Document.QuerySelectorAll($"table.result-table tr[data-perspective={key}] td").Select(c => c.TextContent.Trim()).ToList();
        return (cells.ElementAtOrDefault(0), cells.ElementAtOrDefault(1));
    }

    [Fact]
    public async Task Print_view_is_the_ministrys_form_with_the_result_table()
    {
        var (owner, _, id) = await AnsweredRoundAsync();
        using var browser = owner;
        var page = await browser.GetAsync($"/assessments/{id}/print");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("経営層向け サイバーセキュリティ対策チェックリスト", page.Text("h1.form-title"));
        Assert.Contains("2026年11月24日（令和8年）", page.Text("table.form-head"), StringComparison.Ordinal);
        var rows = page.Document.QuerySelectorAll("table.form-items tbody tr");
        Assert.Equal(18, rows.Length);
        Assert.Equal("○", rows[0].QuerySelector(".col-mark")!.TextContent.Trim());
        Assert.Equal("×", rows[1].QuerySelector(".col-mark")!.TextContent.Trim());
        Assert.Equal("", rows[2].QuerySelector(".col-mark")!.TextContent.Trim());
        Assert.Equal(6, rows[0].QuerySelectorAll("ul.item-bullets li").Length);

        // Hand-computed: 予防 1/15 = 6.67 %, 発見 none, 是正 0/3, total 1/18 = 5.56 %.
        Assert.Equal(("6.7%", "1/15"), ResultRow(page, "prevent"));
        Assert.Equal(("-", "0/0"), ResultRow(page, "detect"));
        Assert.Equal(("0.0%", "0/3"), ResultRow(page, "correct"));
        Assert.Equal(("5.6%", "1/18"), ResultRow(page, "total"));
    }

    [Fact]
    public async Task Result_page_lists_the_x_items_weakest_perspective_first()
    {
        var (owner, _, id) = await AnsweredRoundAsync();
        using var browser = owner;
        var page = await browser.GetAsync($"/assessments/{id}/result");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(("5.6%", "1/18"), ResultRow(page, "total"));
        // 是正 (0.0 %) is weaker than 予防 (6.7 %), so its × item comes first.
        Assert.Equal(["todo-16", "todo-2"], page.Document.QuerySelectorAll("ol.todo > li").Select(li => li.Id));
    }

    [Fact]
    public async Task History_page_shows_who_changed_what_and_when_in_JST()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var (owner, user, id) = await AnsweredRoundAsync("履歴 表示者");
        using var browser = owner;
        var after = DateTimeOffset.UtcNow.AddMinutes(1);
        var page = await browser.GetAsync($"/assessments/{id}/history");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("table.history tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(
            ["項目16の回答: 未回答 → ×", "項目2の回答: 未回答 → ×", "項目1の回答: 未回答 → ○", "この回を作成"],
            rows.Select(r => r[2]));
        Assert.All(rows, r =>
        {
            Assert.Equal(user.Name, r[1]);
            // Read as Japan time: were the page showing UTC, this would be nine hours off.
            // Shown as 「2026年12月3日（令和8年）21:11」: the Gregorian date with its era year beside it.
            var gregorian = System.Text.RegularExpressions.Regex.Replace(r[0], "（令和\\d+年）", "");
            var at = DateTimeOffset.ParseExact(gregorian + " +09:00", "yyyy年M月d日HH:mm zzz", CultureInfo.InvariantCulture);
            Assert.InRange(at, before, after);
        });
    }

    [Fact]
    public async Task Someone_from_another_facility_gets_404_pages()
    {
        var (owner, _, id) = await AnsweredRoundAsync();
        owner.Dispose();
        var admin = await App.AdminApiAsync();
        var stranger = await App.AddUserAsync(Role.Executive, await admin.CreateFacilityAsync(name: "別の病院"));
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(stranger);

        foreach (var url in new[] { $"/assessments/{id}", $"/assessments/{id}/print", $"/assessments/{id}/result", $"/assessments/{id}/history" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).Status);
        }
        using var csv = await browser.Client.GetAsync($"/assessments/{id}/export.csv", Ct);
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
    }
}

public sealed class SqliteRoundPagesTests(SqliteApp app) : RoundPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRoundPagesTests(PostgresApp app) : RoundPagesTests(app), IClassFixture<PostgresApp>;
