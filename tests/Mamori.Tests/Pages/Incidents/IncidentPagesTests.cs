using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Pages.Incidents;

/// <summary>The incident screens without JavaScript: report, confirm (1-4), decide (2-1), each role's steps, contacts, reports.</summary>
public abstract class IncidentPagesTests(MamoriApp app) : IntegrationTest(app)
{
    private sealed record People(Guid Facility, Browser Admin, Browser Executive, Browser Staff) : IDisposable
    {
        public void Dispose()
        {
            Admin.Dispose();
            Executive.Dispose();
            Staff.Dispose();
        }
    }

    private async Task<People> PeopleAsync()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "画面確認病院");
        async Task<Browser> SignedIn(Role role, string name)
        {
            var browser = new Browser(App.CreateClient());
            await browser.SignInAsync(await App.AddUserAsync(role, facility, name));
            return browser;
        }
        return new People(facility, await SignedIn(Role.Admin, "安全 管理者"), await SignedIn(Role.Executive, "経営 太郎"), await SignedIn(Role.Staff, "職員 花子"));
    }

    private static Dictionary<string, string?> Form(params (string Key, string? Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task A_member_of_staff_who_reports_ransomware_is_told_at_once_what_to_do_and_what_not_to_do()
    {
        using var p = await PeopleAsync();
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Mamori.Incidents.ContactService>().SaveAsync(Mamori.Accounts.Actor.System, p.Facility, null,
                new Mamori.Incidents.ContactInput("internal", "情報 管理子", "医療情報システム安全管理責任者", false, null, "03-0000-1111", null, null, null, null, null, null), Ct);
        }
        var form = await p.Staff.GetAsync("/incidents/new");
        var posted = await p.Staff.SubmitAsync(form, "form.incident-report", Form(
            ("Signs", "ransom-note"), ("Location", "2階 外来受付"), ("DetectedAt", "2026-11-24T07:45"), ("Cables", "no"), ("Description", "脅迫文が表示された")));
        var view = await p.Staff.GetAsync(posted.Location!.OriginalString);

        var now = view.Text("#staff-now");
        Assert.Contains("電源は切らないでください", now, StringComparison.Ordinal);
        Assert.Contains("LANケーブルを抜いてください", now, StringComparison.Ordinal);
        Assert.Contains("その端末から離れ", now, StringComparison.Ordinal);
        Assert.Contains("情報 管理子", now, StringComparison.Ordinal);
        Assert.NotNull(view.Document.QuerySelector("#staff-now a[href='tel:03-0000-1111']"));
        Assert.DoesNotContain("いま行う手順はありません", view.Text("main"), StringComparison.Ordinal);
        // The safety manager sees the confirmation instead.
        Assert.Null((await p.Admin.GetAsync(posted.Location!.OriginalString)).Document.QuerySelector("#staff-now"));
    }

    [Fact]
    public async Task A_staff_report_reaches_the_safety_manager_who_confirms_and_decides_and_each_role_sees_its_steps()
    {
        using var p = await PeopleAsync();
        var form = await p.Staff.GetAsync("/incidents/new");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var posted = await p.Staff.SubmitAsync(form, "form.incident-report", Form(
            ("Signs", "ransom-note"), ("Location", "3階東病棟 ナースステーション"), ("DetectedAt", "2026-11-24T07:45"),
            ("Cables", "yes"), ("Description", "画面に英語の脅迫文。ファイルが開けない")));
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var incidentUrl = posted.Location!.OriginalString;

        // The in-app notification: every page the safety manager opens shows the waiting report.
        var home = await p.Admin.GetAsync("/");
        Assert.Contains("異常の報告が確認を待っています", home.Text(".incident-banner"));
        Assert.Contains("身代金を要求する画面", home.Text(".incident-banner"));
        Assert.Null((await p.Staff.GetAsync("/")).Text(".incident-banner"));

        var page = await p.Admin.GetAsync(incidentUrl);
        Assert.Contains("3階東病棟", page.Text("dl.definitions"));
        Assert.Contains("切り離した", page.Text("dl.definitions"));
        Assert.Equal(HttpStatusCode.Redirect, (await p.Admin.SubmitAsync(page, "form[action*='handler=Confirm']")).Status);
        page = await p.Admin.GetAsync(incidentUrl);
        var decided = await p.Admin.SubmitAsync(page, "#decision-form", Form(("signs", "yes"), ("grounds", "拡張子が変わったファイルと脅迫文を確認")));
        Assert.Equal(HttpStatusCode.Redirect, decided.Status);

        var staffView = await p.Staff.GetAsync(incidentUrl);
        Assert.Contains("2-9 対応（使用停止等）", staffView.Text("#now-staff + ul"));
        Assert.Null(staffView.Document.QuerySelector("#decision-form"));
        Assert.Null(staffView.Document.QuerySelector("tr#step-2-6 form"));
        var stopped = await p.Staff.SubmitAsync(staffView, "tr#step-2-9 form", Form(("status", "done"), ("note", "外来端末3台の使用を停止")));
        Assert.Equal(HttpStatusCode.Redirect, stopped.Status);

        var executiveView = await p.Executive.GetAsync(incidentUrl);
        var executiveNow = executiveView.Document.QuerySelectorAll("#now-executive ~ ul li").Select(li => li.TextContent).ToList();
        Assert.Contains(executiveNow, t => t.Contains("2-8 経営層による確認・指示", StringComparison.Ordinal));
        Assert.Contains(executiveNow, t => t.Contains("2-13 厚生労働省へ報告", StringComparison.Ordinal));
        Assert.DoesNotContain(executiveNow, t => t.Contains("3-1", StringComparison.Ordinal));
        Assert.Contains("外来端末3台の使用を停止", executiveView.Text("tr#step-2-9"));
        Assert.Contains("職員 花子", executiveView.Text("tr#step-2-9"));
        Assert.Contains("厚生労働省への連絡", executiveView.Text(".deadline-now"));
        Assert.Contains("直ちに", executiveView.Text(".deadline-now .tag"));
        Assert.DoesNotContain("超過", executiveView.Text(".deadline-now"), StringComparison.Ordinal);
        Assert.Contains("2-1の判断：サイバー攻撃の兆候がある", executiveView.Text("ol.timeline"));

        // Overdue items stand out on the dashboard of those who lead the response, not on staff's.
        Assert.Contains("厚生労働省への連絡", (await p.Executive.GetAsync("/")).Text("section.overdue"));
        Assert.Null((await p.Staff.GetAsync("/")).Text("section.overdue"));

        // Reported to the ministry: the deadline is met and leaves the dashboard.
        var unnamed = await p.Executive.SubmitAsync(executiveView, "#filing-mhlw", new Dictionary<string, string?> { ["method"] = "phone" });
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.Status); // to whom is part of the record
        Assert.Contains("報告先", unnamed.Text("[role=alert]"));
        var filed = await p.Executive.SubmitAsync(executiveView, "#filing-mhlw",
            new Dictionary<string, string?> { ["method"] = "phone", ["recipient"] = "医療情報担当参事官室", ["reference"] = "A-12" });
        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        var after = await p.Executive.GetAsync(filed.Location!.OriginalString);
        Assert.Contains("電話", after.Text(".deadline-done .filed"));
        Assert.Contains("A-12", after.Text(".deadline-done .filed"));
        Assert.Contains("完了", after.Text("tr#step-2-13 td .tag"));
        Assert.Null((await p.Executive.GetAsync("/")).Text("section.overdue"));
    }

    [Fact]
    public async Task The_dashboard_counts_every_overdue_report_even_with_hundreds_of_running_incidents()
    {
        using var p = await PeopleAsync();
        var api = await App.AdminApiAsync();
        const int count = 205;
        for (var n = 0; n < count; n++)
        {
            var id = await api.CreateIncidentAsync(p.Facility, title: $"端末の異常 {n + 1}");
            (await api.DecideAsync(id, signs: true)).EnsureSuccessStatusCode();
        }

        // Each has its ministry contact overdue ("at once"); the panel shows the 20 most overdue and counts the rest.
        var panel = (await p.Executive.GetAsync("/")).Document.QuerySelector("section.overdue")!;
        Assert.Contains($"（{count}）", panel.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(20, panel.QuerySelectorAll("li").Length);
        Assert.Contains($"ほか {count - 20} 件", panel.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_form_refusal_stays_on_the_page_with_a_Japanese_message()
    {
        using var p = await PeopleAsync();
        var id = await (await App.AdminApiAsync()).CreateIncidentAsync(p.Facility);
        var page = await p.Admin.GetAsync($"/incidents/{id}");
        var refused = await p.Admin.SubmitAsync(page, "tr#step-2-6 form", Form(("status", "done")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("2-1の判断", refused.Text(".error"));
    }

    [Fact]
    public async Task The_recovery_plan_cost_and_leak_finding_are_recorded_and_reach_the_api_and_the_final_report()
    {
        using var p = await PeopleAsync();
        var api = await App.AdminApiAsync();
        var id = await api.CreateIncidentAsync(p.Facility);
        var page = await p.Admin.GetAsync($"/incidents/{id}");
        Assert.Null((await p.Staff.GetAsync($"/incidents/{id}")).Document.QuerySelector("form[action*='handler=Recovery']"));

        // A settled finding needs its grounds.
        var refused = await p.Admin.SubmitAsync(page, "form[action*='handler=Recovery']", Form(("finding", "none"), ("findingNote", "")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("根拠", refused.Text(".error"));
        var badCost = await p.Admin.SubmitAsync(page, "form[action*='handler=Recovery']", Form(("costYen", "百万円"), ("finding", "investigating")));
        Assert.Equal(HttpStatusCode.BadRequest, badCost.Status);

        var saved = await p.Admin.SubmitAsync(page, "form[action*='handler=Recovery']", Form(
            ("plan", "電子カルテ→オーダリング→部門システムの順に復旧。その間は紙運用。"), ("costYen", "12,500,000"), ("effort", "ベンダー5名×14日"),
            ("finding", "none"), ("findingNote", "外部委託先のフォレンジック調査で持ち出しの痕跡なし")));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        var json = await api.GetIncidentAsync(id);
        var recovery = json.GetProperty("recovery");
        Assert.Equal(12_500_000, recovery.GetProperty("costYen").GetInt64());
        Assert.Equal("none", recovery.GetProperty("leakFinding").GetString());
        Assert.Contains(json.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "recovery");
        var report = await p.Admin.GetAsync($"/incidents/{id}/reports/ppc-final");
        Assert.Contains("持ち出しの痕跡なし", report.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contacts_start_from_the_catalogs_defaults_and_stale_ones_are_flagged_until_confirmed()
    {
        using var p = await PeopleAsync();
        var page = await p.Staff.GetAsync($"/facilities/{p.Facility}/contacts");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var cards = page.Document.QuerySelectorAll("li.card").ToList();
        Assert.Equal(9, cards.Count);
        var ipa = cards.Single(c => c.TextContent.Contains("情報セキュリティ安心相談窓口", StringComparison.Ordinal));
        Assert.Contains("03-5978-7509", ipa.TextContent);
        Assert.DoesNotContain("contact-stale", ipa.ClassName); // history entry: shown as the flowchart printed it
        var police = cards.Single(c => c.TextContent.Contains("都道府県警察", StringComparison.Ordinal));
        Assert.Contains("contact-stale", police.ClassName);
        Assert.Contains("110番", police.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("ul.contacts form")); // staff read, the admin edits

        var adminPage = await p.Admin.GetAsync($"/facilities/{p.Facility}/contacts");
        var policeForm = adminPage.Document.QuerySelectorAll("li.card").Single(c => c.TextContent.Contains("都道府県警察", StringComparison.Ordinal)).QuerySelector("form")!;
        var selector = "#" + policeForm.Id;
        var saved = await p.Admin.SubmitAsync(adminPage, selector, Form(("phone", "0120-000-000"), ("fallback", "110番（緊急時）")));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var after = (await p.Admin.GetAsync($"/facilities/{p.Facility}/contacts")).Document.QuerySelectorAll("li.card")
            .Single(c => c.TextContent.Contains("都道府県警察", StringComparison.Ordinal));
        Assert.DoesNotContain("contact-stale", after.ClassName);
        Assert.Contains("0120-000-000", after.TextContent);

        var badDate = await p.Admin.SubmitAsync(adminPage, selector, Form(("confirmedOn", "2099-01-01")));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.Status);
        Assert.Contains("未来", badDate.Text(".error"));
    }

    [Fact]
    public async Task A_report_is_edited_before_export_and_the_docx_holds_the_edit()
    {
        using var p = await PeopleAsync();
        var id = await (await App.AdminApiAsync()).CreateIncidentAsync(p.Facility, description: "放射線科のサーバーが停止");
        var page = await p.Executive.GetAsync($"/incidents/{id}/reports/mhlw");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var body = page.Document.QuerySelector("textarea[name=Body]")!.TextContent;
        // No contact list yet: the office is a blank to fill, not a name written into the code.
        Assert.Contains("■ 報告先\n（記入してください）", body, StringComparison.Ordinal);
        Assert.Contains("放射線科のサーバーが停止", body);
        Assert.Contains("画面確認病院", body);
        var edited = body.Replace("■ 医療提供体制への影響\n（記入してください）", "■ 医療提供体制への影響\n救急の受け入れを停止（11月24日9時から）", StringComparison.Ordinal);
        Assert.NotEqual(body, edited);
        Assert.Equal(HttpStatusCode.Redirect, (await p.Executive.SubmitAsync(page, "main form.stack", Form(("Body", edited)))).Status);

        // A second save from the stale form is refused rather than overwriting.
        Assert.Equal(HttpStatusCode.Conflict, (await p.Executive.SubmitAsync(page, "main form.stack", Form(("Body", "古い内容")))).Status);

        // Blanks left in are listed on the page, and a plain export is refused.
        var saved = await p.Executive.GetAsync($"/incidents/{id}/reports/mhlw");
        Assert.Contains("未記入の箇所が", saved.Text("#unfinished h2"), StringComparison.Ordinal);
        Assert.Contains("（記入してください）", saved.Text("#unfinished ul"), StringComparison.Ordinal);
        // The breadcrumb names the incident, not 「インシデント › インシデント」.
        var crumb = saved.Document.QuerySelector($".breadcrumb a[href='/incidents/{id}']")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(crumb));
        Assert.NotEqual("インシデント", crumb);
        Assert.Equal(HttpStatusCode.Conflict, (await p.Executive.Client.GetAsync($"/incidents/{id}/reports/mhlw.docx", Ct)).StatusCode);
        var confirmed = saved.Document.QuerySelector("#unfinished a[href$='.docx?unfinished=ok']")!.GetAttribute("href")!;
        using var response = await p.Executive.Client.GetAsync(confirmed, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), false);
        var text = string.Join("\n", document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(x => x.InnerText));
        Assert.Contains("厚生労働省への報告", text);
        Assert.Contains("救急の受け入れを停止（11月24日9時から）", text);
        Assert.Equal(HttpStatusCode.Forbidden, (await p.Staff.GetAsync($"/incidents/{id}/reports/mhlw")).Status);
    }

    [Fact]
    public async Task The_ministry_report_names_the_office_kept_on_the_facilitys_contact_list()
    {
        using var p = await PeopleAsync();
        var id = await (await App.AdminApiAsync()).CreateIncidentAsync(p.Facility);
        var contacts = await p.Admin.GetAsync($"/facilities/{p.Facility}/contacts"); // the list starts from the defaults
        var body = (await p.Executive.GetAsync($"/incidents/{id}/reports/mhlw")).Document.QuerySelector("textarea[name=Body]")!.TextContent;
        Assert.Contains("■ 報告先\n厚生労働省医政局特定医薬品開発支援・医療情報担当参事官室　https://www.mhlw.go.jp/stf/", body, StringComparison.Ordinal);

        // Renamed on the contact list, renamed in the next draft.
        var card = contacts.Document.QuerySelectorAll("li.card").Single(c => c.TextContent.Contains("医療情報担当参事官室", StringComparison.Ordinal)).QuerySelector("form")!;
        var renamed = await p.Admin.SubmitAsync(contacts, "#" + card.Id, Form(("name", "厚生労働省 医療情報担当窓口（テスト用の名称）"), ("phone", "03-0000-0000")));
        Assert.Equal(HttpStatusCode.Redirect, renamed.Status);
        body = (await p.Executive.GetAsync($"/incidents/{id}/reports/mhlw")).Document.QuerySelector("textarea[name=Body]")!.TextContent;
        Assert.Contains("■ 報告先\n厚生労働省 医療情報担当窓口（テスト用の名称）　電話 03-0000-0000", body, StringComparison.Ordinal);
        Assert.DoesNotContain("参事官室", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_commissions_report_is_given_field_by_field_for_its_web_form()
    {
        using var p = await PeopleAsync();
        var id = await (await App.AdminApiAsync()).CreateIncidentAsync(p.Facility, description: "予約システムから患者の氏名が流出したおそれ");
        var page = await p.Executive.GetAsync($"/incidents/{id}/reports/ppc-preliminary");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var fields = page.Document.QuerySelectorAll("#form-fields .copy-field")
            .ToDictionary(f => f.QuerySelector("label")!.TextContent, f => f.QuerySelector("textarea")!.TextContent);
        Assert.Equal("予約システムから患者の氏名が流出したおそれ", fields["事案の概要"]);
        Assert.Contains("本人の数", fields.Keys);
        Assert.All(page.Document.QuerySelectorAll("#form-fields .copy-field"), f => Assert.NotNull(f.QuerySelector("button[data-copy]")));
        Assert.Equal("https://www.ppc.go.jp/personalinfo/legal/leakAction/", page.Document.QuerySelector("#form-fields a")?.GetAttribute("href"));
        // The ministry's report is a document, not a form.
        Assert.Null((await p.Executive.GetAsync($"/incidents/{id}/reports/mhlw")).Document.QuerySelector("#form-fields"));
    }
}

public sealed class SqliteIncidentPagesTests(SqliteApp app) : IncidentPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIncidentPagesTests(PostgresApp app) : IncidentPagesTests(app), IClassFixture<PostgresApp>;
