using System.Text;
using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Flow 9: axe-core finds no serious or critical violation on any page people use.</summary>
public sealed class AccessibilityTests(MamoriApp app)
{
    [Fact]
    public async Task No_page_has_serious_or_critical_axe_violations()
    {
        var found = new StringBuilder();
        var report = new StringBuilder();
        var checkedPages = new List<string>();

        async Task CheckAsync(IPage page, string name)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            var violations = await Axe.RunAsync(page);
            checkedPages.Add($"{name} ({page.Path()})");
            found.Append(Axe.Describe(name, violations.Where(v => v.IsSeriousOrWorse)));
            report.Append(Axe.Describe(name, violations));
            await Artifacts.ScreenshotAsync(page, "a11y-" + name);
        }

        var setup = await app.EnsureAdminAsync();
        found.Append(Axe.Describe("setup", setup.FormViolations.Where(v => v.IsSeriousOrWorse)));
        report.Append(Axe.Describe("setup", setup.FormViolations));
        checkedPages.Add("setup (/setup, while the code was valid)");

        await using (var signedOut = await app.NewContextAsync())
        {
            var page = await signedOut.NewPageAsync();
            await page.GotoAsync("/login");
            await CheckAsync(page, "login");
            await page.GotoAsync(app.Server.SetupUrl);
            await CheckAsync(page, "setup-used-code");
        }

        var (context, signedIn) = await app.SignedInAsync();
        await using var _ = context;
        await signedIn.GotoAsync("/");
        await CheckAsync(signedIn, "home");

        await signedIn.GotoAsync("/facilities/new");
        await CheckAsync(signedIn, "facility-new");
        var facility = await FacilityPage.CreateAsync(signedIn, Names.Facility("アクセシビリティ病院"), "病院", onlineQualification: true);
        await CheckAsync(signedIn, "facility-empty");

        var newRound = await facility.NewRoundAsync("sysadmin");
        await CheckAsync(signedIn, "new-round");
        var first = await newRound.StartAsync("sysadmin", "点検 三郎", new DateOnly(2026, 1, 15));
        await first.AnswerAsync(1, Mark.Yes);
        await first.AnswerAsync(2, Mark.No);
        await first.AnswerAsync(85, Mark.No);
        await CheckAsync(signedIn, "form");

        await first.OpenTabAsync("結果と対策");
        await CheckAsync(signedIn, "result");
        await first.OpenTabAsync("印刷");
        await CheckAsync(signedIn, "print");
        await AssessmentPage.OpenAsync(signedIn, first.Id);
        await first.OpenTabAsync("変更履歴");
        await CheckAsync(signedIn, "history");

        var second = await (await FacilityPage.OpenAsync(signedIn, facility.Id)).StartRoundAsync("sysadmin", "点検 三郎", new DateOnly(2026, 7, 15));
        await second.AnswerAsync(2, Mark.Yes);
        await second.CompleteAsync();
        await CheckAsync(signedIn, "result-completed");
        await AssessmentPage.OpenAsync(signedIn, second.Id);
        await CheckAsync(signedIn, "form-completed");

        await FacilityPage.OpenAsync(signedIn, facility.Id);
        await CheckAsync(signedIn, "facility-with-rounds");
        await new FacilityPage(signedIn, facility.Id).CompareAsync("sysadmin", first.Id, second.Id);
        await CheckAsync(signedIn, "compare");

        await signedIn.GotoAsync("/catalog");
        await CheckAsync(signedIn, "catalog");

        await signedIn.GotoAsync("/account");
        await CheckAsync(signedIn, "account");

        await signedIn.GotoAsync("/admin/access-log");
        await CheckAsync(signedIn, "access-log");

        // Accounts: the person's own security pages and the administrator's people and policy pages.
        foreach (var (path, name) in new[]
        {
            ("/account/two-factor", "two-factor"), ("/account/password", "password"), ("/admin/users", "users"),
            ("/admin/users/new", "user-new"), ("/admin/security", "security-policy"),
        })
        {
            await signedIn.GotoAsync(path);
            await CheckAsync(signedIn, name);
        }
        await signedIn.GotoAsync("/admin/users");
        await signedIn.ClickAndWaitAsync(signedIn.Locator("table a").First);
        await CheckAsync(signedIn, "user-details");

        // Staff campaigns: the admin's screens and the public answering page before and after sending.
        var campaign = await CampaignPage.CreateAsync(signedIn, facility.Id, "アクセシビリティ点検", named: true);
        await CheckAsync(signedIn, "campaign-detail");
        var link = await campaign.DepartmentLinkAsync("外来");
        await signedIn.GotoAsync($"/facilities/{facility.Id}/campaigns");
        await CheckAsync(signedIn, "campaigns");
        await signedIn.GotoAsync($"/facilities/{facility.Id}/campaigns/setup");
        await CheckAsync(signedIn, "campaign-setup");
        await using (var anyone = await app.NewContextAsync())
        {
            var answer = await AnswerPage.OpenAsync(await anyone.NewPageAsync(), link);
            await CheckAsync(answer.Page, "campaign-answer");
            await answer.AnswerAsync("○×○○○○○○○○", jobType: "看護師", name: "点検 四郎");
            await answer.SubmitAsync();
            await CheckAsync(answer.Page, "campaign-answered");
        }
        await signedIn.GotoAsync($"/campaigns/{campaign.Id}/results");
        await CheckAsync(signedIn, "campaign-results");
        // Incidents (issue 5): the report form, an incident after the 2-1 decision, lists, reports, contacts, preparedness.
        var incident = await IncidentPage.ReportAsync(signedIn, facility.Id, ["ウイルス対策ソフトが警告した"], "医事課", "2026-11-24T09:00", "分からない", "警告が繰り返し表示される");
        await CheckAsync(signedIn, "incident");
        await incident.DecideAsync(true, "検知名からランサムウェアの可能性");
        await CheckAsync(signedIn, "incident-decided");
        await signedIn.GotoAsync($"/incidents/new?facilityId={facility.Id}");
        await CheckAsync(signedIn, "incident-new");
        await signedIn.GotoAsync("/incidents");
        await CheckAsync(signedIn, "incidents");
        await signedIn.GotoAsync($"/incidents/{incident.Id}/reports/mhlw");
        await CheckAsync(signedIn, "incident-report");
        await signedIn.GotoAsync($"/facilities/{facility.Id}/contacts");
        await CheckAsync(signedIn, "contacts");
        await signedIn.GotoAsync($"/facilities/{facility.Id}/preparedness");
        await CheckAsync(signedIn, "preparedness");

        // Every finding, minor and moderate included, for people to read.
        await File.WriteAllTextAsync(Artifacts.PathFor("axe-report.txt"),
            $"Pages checked: {string.Join(", ", checkedPages)}\n\n{(report.Length == 0 ? "No violations.\n" : report)}", TestContext.Current.CancellationToken);
        Assert.True(found.Length == 0,
            $"Serious or critical axe-core violations:\n{found}\nPages checked: {string.Join(", ", checkedPages)}");
    }

    /// <summary>The check above is only worth something if it can fail: axe must flag a page with known faults.</summary>
    [Fact]
    public async Task The_axe_check_reports_known_faults()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <html><head><title>t</title></head><body><main>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <label>名前</label><input id="x">
            <p style="color:#bbb;background:#fff">薄い文字</p>
            </main></body></html>
            """);
        var violations = await Axe.RunAsync(page);
        var ids = violations.Where(v => v.IsSeriousOrWorse).Select(v => v.Id).ToList();
        Assert.Contains("image-alt", ids);
        Assert.Contains("label", ids);
        Assert.Contains("color-contrast", ids);
        Assert.Contains("html-has-lang", ids);
    }
}
