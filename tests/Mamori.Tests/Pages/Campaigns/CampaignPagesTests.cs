using System.IO.Compression;
using System.Net;
using Mamori.Accounts;
using Mamori.Tests.Campaigns;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Pages.Campaigns;

/// <summary>The admin's campaign screens without JavaScript: create, set up, follow, read results, export.</summary>
public abstract class CampaignPagesTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task An_admin_creates_a_named_campaign_follows_it_and_exports_it()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "画面確認病院");
        var admin = await App.AddUserAsync(Role.Admin, facility, "画面 管理者");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);

        var list = await browser.GetAsync($"/facilities/{facility}/campaigns");
        var created = await browser.SubmitAsync(list, "form.campaign-form", new Dictionary<string, string?> { ["Title"] = "令和8年度 職員点検", ["Mode"] = "named" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var detailUrl = created.Location!.OriginalString;
        var detail = await browser.GetAsync(detailUrl);
        Assert.Equal("令和8年度 職員点検", detail.Text("h1"));
        Assert.Equal(10, detail.Document.QuerySelectorAll(".progress tbody tr").Length);
        Assert.NotNull(detail.Document.QuerySelector("tr[data-department=外来] .qr svg path"));

        var withPersons = await browser.SubmitAsync(detail, "#persons form", new Dictionary<string, string?> { ["Persons"] = "山田 花子, 病棟, 看護師\n鈴木 次郎, 外来, 医師" });
        Assert.Equal(HttpStatusCode.Redirect, withPersons.Status);
        var persons = await browser.Client.GetStringAsync(detailUrl + "/persons.csv", Ct);
        var hanakoUrl = persons.Split("\r\n").Single(l => l.StartsWith("山田 花子", StringComparison.Ordinal)).Split(',')[4];
        detail = await browser.GetAsync(detailUrl);
        Assert.Equal(["山田 花子", "鈴木 次郎"], detail.Document.QuerySelectorAll(".not-answered tbody tr td:first-child").Select(td => td.TextContent).Order());

        using var anyone = new Browser(App.CreateClient());
        var form = await anyone.GetAsync(new Uri(hanakoUrl).AbsolutePath);
        var answers = CampaignSetup.Answers("○○○○×○○○○○").ToDictionary(a => $"Answers[{a.Key}]", a => a.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await anyone.SubmitAsync(form, "#respond", answers)).Status);

        detail = await browser.GetAsync(detailUrl);
        Assert.Equal(["鈴木 次郎"], detail.Document.QuerySelectorAll(".not-answered tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Equal("1", detail.Text("tr[data-department=病棟] .responses"));

        var results = await browser.GetAsync(detailUrl + "/results");
        Assert.Equal("90.0%", results.Text(".result-table .total td"));
        Assert.Equal("0.0%", results.Text(".heat tr[data-name=病棟] td[data-item='5']"));
        Assert.Equal("h0", results.Document.QuerySelector(".heat tr[data-name=病棟] td[data-item='5']")?.ClassName);

        var csv = await browser.Client.GetStringAsync(detailUrl + "/responses.csv", Ct);
        Assert.Contains("病棟,看護師,山田 花子,", csv, StringComparison.Ordinal);
        using var xlsx = await browser.Client.GetAsync(detailUrl + "/summary.xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var zip = new ZipArchive(await xlsx.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(5, zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)));

        var sheets = await browser.GetAsync(detailUrl + "/sheets");
        Assert.Equal(10, sheets.Document.QuerySelectorAll("section.sheet .sheet-qr svg").Length);
    }

    [Fact]
    public async Task A_campaign_closing_at_the_end_of_a_day_shows_that_day_as_its_deadline()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "締切表示病院");
        var admin = await App.AddUserAsync(Role.Admin, facility, "締切 管理者");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);
        var list = await browser.GetAsync($"/facilities/{facility}/campaigns");
        var created = await browser.SubmitAsync(list, "form.campaign-form", new Dictionary<string, string?>
        {
            ["Title"] = "締切の表示", ["Mode"] = "anonymous", ["OpensOn"] = "2026-12-02", ["ClosesOn"] = "2026-12-16",
        });
        var detailUrl = created.Location!.OriginalString;

        // Stored as 12/17 00:00 JST, the instant it closes; a person reads the last day it takes answers.
        var detail = await browser.GetAsync(detailUrl);
        Assert.Contains("2026年12月2日（令和8年） 〜 2026年12月16日（令和8年）まで", detail.Text(".round-meta"), StringComparison.Ordinal);
        Assert.DoesNotContain("12月17日", detail.Document.Body!.TextContent, StringComparison.Ordinal);
        var sheets = await browser.GetAsync(detailUrl + "/sheets");
        Assert.Equal("締切：2026年12月16日（令和8年）まで", sheets.Text(".sheet-deadline"));
        var english = await browser.GetAsync(detailUrl + "?culture=en");
        Assert.Contains("2 Dec 2026 – 16 Dec 2026 23:59", english.Text(".round-meta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_adds_departments_and_a_manager_who_then_sees_only_that_department()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "設定確認病院");
        var admin = await App.AddUserAsync(Role.Admin, facility, "設定 管理者");
        var manager = await App.AddUserAsync(Role.Staff, facility, "透析 師長");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);

        var setup = await browser.GetAsync($"/facilities/{facility}/campaigns/setup");
        Assert.Equal(10, setup.Document.QuerySelectorAll(".departments tbody tr").Length);
        var added = await browser.SubmitAsync(setup, "form[action*=AddDepartment]", new Dictionary<string, string?> { ["name"] = "透析室", ["headcount"] = "12" });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var duplicate = await browser.SubmitAsync(setup, "form[action*=AddDepartment]", new Dictionary<string, string?> { ["name"] = "透析室", ["headcount"] = "12" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.Status);
        Assert.Contains("既に登録", duplicate.Text(".error"), StringComparison.Ordinal);

        setup = await browser.GetAsync($"/facilities/{facility}/campaigns/setup");
        var dialysisRow = setup.Document.QuerySelectorAll(".departments tbody tr").Single(r => r.QuerySelector("input[name=name]")?.GetAttribute("value") == "透析室");
        var assignForm = dialysisRow.QuerySelector("form.manager-add")!;
        assignForm.Id = "assign";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(setup, "#assign", new Dictionary<string, string?> { ["userId"] = manager.Id.ToString() })).Status);

        var (campaign, code) = await (await App.AdminApiAsync()).CreateCampaignAsync(facility, anonymous: false);
        using var anyone = App.CreateClient();
        foreach (var (department, marks) in new[] { ("透析室", "○○○○○○○○○×"), ("外来", "××××××××××") })
        {
            await anyone.PostAsync($"/r/{code}", System.Net.Http.Json.JsonContent.Create(new { department, jobType = "看護師", respondent = department + " 職員", answers = CampaignSetup.Answers(marks) }), Ct).ExpectAsync(HttpStatusCode.Created);
        }

        using var managerBrowser = new Browser(App.CreateClient());
        await managerBrowser.SignInAsync(manager);
        var mine = await managerBrowser.GetAsync($"/campaigns/{campaign}/results");
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal(["透析室"], mine.Document.QuerySelectorAll(".department-results tbody tr").Select(r => r.GetAttribute("data-name")));
        Assert.Equal("1", mine.Text("#responses"));
        Assert.Equal("90.0%", mine.Text(".result-table .total td"));
        Assert.Equal(HttpStatusCode.NotFound, (await managerBrowser.GetAsync($"/campaigns/{campaign}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await managerBrowser.GetAsync($"/campaigns/{campaign}/responses.csv")).Status);
        var list = await managerBrowser.GetAsync($"/facilities/{facility}/campaigns");
        Assert.NotNull(list.Document.QuerySelector($"a[href='/campaigns/{campaign}/results']"));
    }
}

public sealed class SqliteCampaignPagesTests(SqliteApp app) : CampaignPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCampaignPagesTests(PostgresApp app) : CampaignPagesTests(app), IClassFixture<PostgresApp>;
