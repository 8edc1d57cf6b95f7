using static Microsoft.Playwright.Assertions;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Issue 5 in Chromium: an anomaly report through both branches of the 2-1 decision, each role's view, reports and evidence.</summary>
public sealed class IncidentFlowTests(MamoriApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(IBrowserContext Context, IPage Page)> SignInAsync(Account account, bool phone = false)
    {
        var context = await app.NewContextAsync(phone ? o =>
        {
            o.ViewportSize = new() { Width = 390, Height = 844 };
            o.IsMobile = true;
            o.HasTouch = true;
        } : null);
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync(account.Email, account.Password);
        return (context, page);
    }

    [Fact]
    public async Task Signs_of_an_attack_run_containment_reports_and_evidence_with_each_role_seeing_its_steps()
    {
        var (adminContext, admin) = await app.SignedInAsync();
        await using var _a = adminContext;
        var facility = await FacilityPage.CreateAsync(admin, Names.Facility("攻撃対応病院"), "病院", onlineQualification: false);
        var staffAccount = await Users.AddAsync(app, "staff", facility.Id, "病棟 看護師");
        var executiveAccount = await Users.AddAsync(app, "executive", facility.Id, "院長 経営");

        // A nurse reports from a phone (1-1, 1-2, 1-3).
        var (staffContext, staff) = await SignInAsync(staffAccount, phone: true);
        await using var _s = staffContext;
        var reported = await IncidentPage.ReportAsync(staff, facility.Id, ["身代金を要求する画面・メッセージが出た", "ファイルや患者情報が暗号化された（開けない・拡張子が変わった）"],
            "4階西病棟 ナースステーション", "2026-11-24T06:40", "抜いた", "電子カルテ端末に英語の脅迫文。共有フォルダのファイルが開けない。");
        var id = reported.Id;
        await Artifacts.ScreenshotAsync(staff, "incident-01-reported-phone");
        // The phone shows what to do now; the 35 steps stay folded (the page was 9,000 px tall with all of them).
        var height = await staff.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height < 4000, $"the phone page is {height} px tall");
        var widths = await staff.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the incident page scrolls sideways on a phone: {widths[0]} > {widths[1]}");

        // The safety manager is told in the app, confirms (1-4) and decides (2-1).
        await admin.GotoAsync("/");
        Assert.Contains("異常の報告が確認を待っています", await admin.Locator(".incident-banner").InnerTextAsync());
        var incident = await IncidentPage.OpenAsync(admin, id);
        await incident.ConfirmAsync();
        // Before the 2-1 decision the safety manager is shown 2-1, not the steps of both branches, and the later
        // phases stay folded.
        var beforeDecision = await incident.NowForAsync("safety-manager");
        Assert.Contains("2-1 原因調査", beforeDecision);
        Assert.DoesNotContain(beforeDecision, s => s.StartsWith("2-6", StringComparison.Ordinal) || s.StartsWith("2-2", StringComparison.Ordinal));
        Assert.True(await incident.ShownAsync("2-1"));
        Assert.False(await incident.ShownAsync("2-6"));
        Assert.False(await incident.ShownAsync("3-1"));
        await Artifacts.ScreenshotAsync(admin, "incident-02a-before-decision");
        await incident.DecideAsync(true, "脅迫文と拡張子の変わったファイルを確認。");
        await Artifacts.ScreenshotAsync(admin, "incident-02-decided-signs");
        Assert.Equal("対象外", await incident.StatusAsync("2-2"));
        Assert.Equal("未着手", await incident.StatusAsync("2-6"));
        Assert.Contains("厚生労働省への連絡", await admin.Locator(".deadline-now").InnerTextAsync());
        await incident.SetStepAsync("2-6", "完了", "基幹スイッチで外部接続を遮断");
        Assert.Equal("完了", await incident.StatusAsync("2-6"));

        // Evidence (2-14): the page shows the SHA-256 of exactly what was handed in.
        var evidence = "2026-11-24 03:12:44 VPN login admin from 203.0.113.7\n"u8.ToArray();
        var form = admin.Locator("#evidence-form");
        await form.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "vpn.log", MimeType = "text/plain", Buffer = evidence });
        await form.GetByLabel("収集元（機器・アカウント・ログなど）").FillAsync("VPN機器のログ");
        await admin.ClickAndWaitAsync(form.GetByRole(AriaRole.Button, new() { Name = "証拠として保全" }));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(evidence)), await admin.Locator("code.sha256").InnerTextAsync());
        await Artifacts.ScreenshotAsync(admin, "incident-03-evidence");

        // Staff see their own step (2-9) and act on it.
        var staffView = await IncidentPage.OpenAsync(staff, id);
        Assert.Contains("2-9 対応（使用停止等）", await staffView.NowForAsync("staff"));
        Assert.Equal(0, await staff.Locator("#decision-form").CountAsync());
        await staffView.SetStepAsync("2-9", "完了", "病棟の端末5台を停止");
        await Artifacts.ScreenshotAsync(staff, "incident-04-staff-step");
        // Nothing widens the page past the phone's screen (a SHA-256 in the timeline once did).
        Assert.True(await staff.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth <= 390"),
            "The incident page scrolls sideways on a phone.");

        // The executives see theirs, report to the ministry (2-13) and export the report.
        var (executiveContext, executive) = await SignInAsync(executiveAccount);
        await using var _e = executiveContext;
        await executive.GotoAsync("/");
        Assert.Contains("厚生労働省への連絡", await executive.Locator("section.overdue").InnerTextAsync());
        var executiveView = await IncidentPage.OpenAsync(executive, id);
        var mine = await executiveView.NowForAsync("executive");
        Assert.Contains("2-8 経営層による確認・指示", mine);
        Assert.Contains("2-13 厚生労働省へ報告", mine);
        // The report to the ministry is recorded with how, to whom and the reference number; it completes 2-13.
        var filing = executive.Locator("#filing-mhlw");
        await filing.GetByLabel("電話").CheckAsync();
        await filing.GetByLabel("報告先（部署・担当者）").FillAsync("医療情報担当参事官室 佐藤様");
        await filing.GetByLabel("受付番号（伝えられた場合）").FillAsync("MHLW-0042");
        await executive.ClickAndWaitAsync(filing.GetByRole(AriaRole.Button, new() { Name = "報告を記録" }));
        var filed = await executive.Locator(".deadline-done").InnerTextAsync();
        Assert.Contains("報告済み", filed);
        Assert.Contains("医療情報担当参事官室 佐藤様", filed);
        Assert.Contains("MHLW-0042", filed);
        Assert.Equal("完了", await executiveView.StatusAsync("2-13"));
        await Artifacts.ScreenshotAsync(executive, "incident-05-executive");

        await executive.GotoAsync($"/incidents/{id}/reports/executive");
        // The draft's blanks are listed before anything is exported; exporting anyway is a choice made on purpose.
        await Expect(executive.Locator("#unfinished h2")).ToContainTextAsync("未記入の箇所が");
        await Artifacts.ScreenshotAsync(executive, "incident-06-report-edit");
        var download = await executive.RunAndWaitForDownloadAsync(() => executive.GetByRole(AriaRole.Link, new() { Name = "PDFで出力" }).ClickAsync());
        var pdf = Artifacts.PathFor("incident-report-executive.pdf");
        await download.SaveAsAsync(pdf);
        // Read as a person reads it: a sentence may wrap onto the next line.
        var text = Regex.Replace(await ExternalTool.PdfToTextAsync(pdf, Ct), @"\s", "");
        Assert.Contains("経営層への報告", text);
        Assert.Contains("4階西病棟ナースステーション", text);
        Assert.Contains("2026年11月24日（令和8年）06:40（日本時間）", text);
        Assert.Contains("基幹スイッチで外部接続を遮断", text);
        Assert.Contains("脅迫文と拡張子の変わったファイルを確認。", text);
    }

    [Fact]
    public async Task No_signs_of_an_attack_leads_to_the_technical_checks_and_other_facilities_see_nothing()
    {
        var (adminContext, admin) = await app.SignedInAsync();
        await using var _a = adminContext;
        var facility = await FacilityPage.CreateAsync(admin, Names.Facility("障害対応診療所"), "診療所", onlineQualification: false);
        var other = await FacilityPage.CreateAsync(admin, Names.Facility("別の診療所"), "診療所", onlineQualification: false);
        var outsider = await Users.AddAsync(app, "staff", other.Id, "他院 職員");

        var incident = await IncidentPage.ReportAsync(admin, facility.Id, ["端末が止まった・動作が遅い"], "受付", "2026-11-24T08:10", "抜いていない",
            "受付の端末が起動しない。前日に保守業者がデータ移行を実施。", exercise: true);
        // The safety manager's own report is confirmed at once; the drill is marked as such.
        Assert.Contains("訓練", await admin.Locator("h1").InnerTextAsync());
        await incident.DecideAsync(false, "前日の保守作業の後から発生。兆候なし。");
        await Artifacts.ScreenshotAsync(admin, "incident-07-decided-no-signs");
        Assert.Equal("未着手", await incident.StatusAsync("2-2"));
        Assert.Equal("対象外", await incident.StatusAsync("2-6"));
        Assert.Equal("対象外", await incident.StatusAsync("2-13"));
        await incident.SetStepAsync("2-2", "完了", "保守業者が設定の誤りを確認");

        // A step the decision put aside is refused with a Japanese message, not a 500.
        await incident.SetStepAsync("2-13", "完了");
        Assert.Contains("2-1の判断により対象外", await incident.ErrorAsync());

        await admin.GotoAsync("/incidents?exercises=true");
        Assert.Equal(1, await admin.Locator($"table.incidents a[href='/incidents/{incident.Id}']").CountAsync());
        await admin.GotoAsync("/incidents");
        Assert.Equal(0, await admin.Locator($"a[href='/incidents/{incident.Id}']").CountAsync()); // drills stay out of the real list

        var (outsiderContext, outsiderPage) = await SignInAsync(outsider);
        await using var _o = outsiderContext;
        var response = await outsiderPage.GotoAsync($"/incidents/{incident.Id}");
        Assert.Equal(404, response!.Status);
        await outsiderPage.GotoAsync("/incidents?exercises=true");
        Assert.Equal(0, await outsiderPage.Locator($"a[href='/incidents/{incident.Id}']").CountAsync());
        await Artifacts.ScreenshotAsync(outsiderPage, "incident-08-other-facility");
    }
}
