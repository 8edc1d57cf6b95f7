using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Incidents;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Pages.Incidents;

/// <summary>Evidence (2-14), network diagrams (0-2), the emergency binder and improvement actions, through the pages.</summary>
public abstract class PreparednessPagesTests(MamoriApp app) : IntegrationTest(app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private async Task<(Guid Facility, Browser Admin, Browser Executive, Browser Staff)> PeopleAsync()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "備え確認病院");
        async Task<Browser> SignedIn(Role role, string name)
        {
            var browser = new Browser(App.CreateClient());
            await browser.SignInAsync(await App.AddUserAsync(role, facility, name));
            return browser;
        }
        return (facility, await SignedIn(Role.Admin, "安全 管理者"), await SignedIn(Role.Executive, "経営 太郎"), await SignedIn(Role.Staff, "職員 花子"));
    }

    /// <summary>Posts a page's multipart form as a browser would: its hidden fields, the antiforgery token, and the file.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, string pageUrl, string formSelector, string fileName, byte[] bytes, Dictionary<string, string> fields)
    {
        var page = await browser.GetAsync(pageUrl);
        var form = page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"no {formSelector} on {pageUrl}");
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        return await browser.Client.PostAsync(form.GetAttribute("action"), content, Ct);
    }

    [Fact]
    public async Task Evidence_is_hashed_on_arrival_served_unaltered_with_its_chain_of_custody_and_tampering_is_caught()
    {
        var (facility, admin, executive, staff) = await PeopleAsync();
        using var _a = admin;
        using var _e = executive;
        using var _s = staff;
        var id = await (await App.AdminApiAsync()).CreateIncidentAsync(facility);
        var bytes = "2026-11-24 03:12:44 VPN login admin from 203.0.113.7\n"u8.ToArray();
        using (var response = await UploadAsync(admin, $"/incidents/{id}", "#evidence-form", "vpn.log", bytes,
                   new() { ["collectedFrom"] = "VPN機器（FortiGate）のログ", ["collectedBy"] = "保守 業者", ["collectedAt"] = "2026-11-24T10:30" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var page = await executive.GetAsync($"/incidents/{id}");
        Assert.Equal(expected, page.Text("code.sha256"));
        Assert.Contains("VPN機器（FortiGate）のログ", page.Text("ul.evidence"));
        Assert.Contains("保守 業者", page.Text("ul.evidence"));
        Assert.Contains($"証拠を保全しました：vpn.log（SHA-256：{expected}", page.Text("ol.timeline"));
        var link = page.Document.QuerySelector("ul.evidence a")!.GetAttribute("href")!;

        using (var download = await executive.Client.GetAsync(link, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        }
        using (var refused = await staff.Client.GetAsync(link, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        Assert.Null((await staff.GetAsync($"/incidents/{id}")).Document.QuerySelector("ul.evidence a"));

        // Someone edits the stored bytes behind Mamori's back: the next download refuses and says so in the custody list.
        var fileId = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
            var content = await db.Set<StoredFileContent>().FirstAsync(c => c.FileId == fileId, Ct);
            content.Bytes = "2026-11-24 03:12:44 nothing happened\n"u8.ToArray();
            await db.SaveChangesAsync(Ct);
        }
        using (var tampered = await executive.Client.GetAsync(link, Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode);
        }
        var custody = (await admin.GetAsync($"/incidents/{id}")).Document.QuerySelectorAll("ul.evidence details li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, custody.Count);
        Assert.Contains("received", custody[0]);
        Assert.Contains("downloaded", custody[1]);
        Assert.Contains("hash-mismatch", custody[2]);
    }

    [Fact]
    public async Task Network_diagrams_are_versioned_type_checked_and_size_limited()
    {
        var (facility, admin, _, staff) = await PeopleAsync();
        using var _a = admin;
        using var _s = staff;
        var url = $"/facilities/{facility}/preparedness";
        using (var first = await UploadAsync(admin, url, "#diagram-form", "lan-2025.png", Png, new() { ["note"] = "初版" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }
        var pdf = "%PDF-1.4\n%test\n"u8.ToArray();
        using (var second = await UploadAsync(admin, url, "#diagram-form", "lan-2026.pdf", pdf, new() { ["note"] = "電子カルテ更新に合わせて改訂" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }
        using (var exe = await UploadAsync(admin, url, "#diagram-form", "diagram.png", "MZ\x90\0"u8.ToArray(), []))
        {
            Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
            Assert.Contains("PDF・PNG・JPEG・SVG", await exe.Content.ReadAsStringAsync(Ct));
        }
        using (var big = await UploadAsync(admin, url, "#diagram-form", "huge.pdf", [.. pdf, .. new byte[FileService.DiagramMaxBytes]], []))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
            Assert.Contains("10MB", await big.Content.ReadAsStringAsync(Ct));
        }

        var page = await staff.GetAsync(url);
        Assert.Contains("v2", page.Text("#latest-diagram"));
        Assert.Equal(2, page.Document.QuerySelectorAll("#diagrams ~ ul.history li").Length);
        Assert.Null(page.Document.QuerySelector("#diagram-form"));
        using var latest = await staff.Client.GetAsync(page.Document.QuerySelector("#latest-diagram")!.GetAttribute("href"), Ct);
        Assert.Equal("application/pdf", latest.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await latest.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_emergency_binder_prints_contacts_decision_role_steps_forms_and_blank_logs_with_its_date()
    {
        var (facility, admin, _, staff) = await PeopleAsync();
        using var _a = admin;
        using var _s = staff;
        using var response = await staff.Client.GetAsync($"/facilities/{facility}/binder.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = await PdfText.ExtractAsync(bytes);
        Assert.Contains("緊急時対応バインダー", text);
        Assert.Contains("備え確認病院", text);
        Assert.Matches(@"作成日：\d{4}年\d{1,2}月\d{1,2}日（令和\d+年）", text);
        Assert.Contains("サイバーセキュリティ相談窓口", text);
        Assert.Contains("緊急の場合は110番", text);
        Assert.Contains("2-1", text);
        Assert.Contains("2-13 厚生労働省へ報告", text);
        Assert.Contains("4-7 再発防止策の実施", text);
        Assert.Contains("個人情報保護委員会への漏えい等報告（確報）", text);
        Assert.Contains("紙運用の記録用紙", text);
        Assert.Contains("Mamori Sans JP", await PdfText.FontsAsync(bytes));
    }

    [Fact]
    public async Task Improvement_actions_link_to_checklist_items_and_are_completed_by_the_admin()
    {
        var (facility, admin, _, staff) = await PeopleAsync();
        using var _a = admin;
        using var _s = staff;
        var url = $"/facilities/{facility}/preparedness";
        var page = await admin.GetAsync(url);
        var added = await admin.SubmitAsync(page, "form[action*='handler=Action']", new Dictionary<string, string?>
        {
            ["title"] = "非常時用アカウントの手順を整備", ["owner"] = "安全 管理者", ["targetOn"] = "2027-03-31", ["checklist"] = "sysadmin", ["item"] = "45",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var bad = await admin.SubmitAsync(page, "form[action*='handler=Action']", new Dictionary<string, string?> { ["title"] = "x", ["checklist"] = "sysadmin", ["item"] = "999" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("項目が見つかりません", bad.Text(".error"));

        page = await admin.GetAsync(url);
        Assert.Contains("システム管理者向け", page.Text("#actions ~ ul.history"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "form[action*='handler=Done']")).Status);
        Assert.Contains("☑", (await staff.GetAsync(url)).Text("#actions ~ ul.history"));

        // The next round of that checklist shows the action beside item 45, done.
        var round = await (await App.AdminApiAsync()).CreateAssessmentAsync(facility, "sysadmin");
        var form = await admin.GetAsync($"/assessments/{round}");
        var beside = form.Text("#item-45 .improvements");
        Assert.Contains("非常時用アカウントの手順を整備", beside);
        Assert.Contains("完了", beside);
        Assert.Null(form.Document.QuerySelector("#item-44 .improvements"));
    }
}

public sealed class SqlitePreparednessPagesTests(SqliteApp app) : PreparednessPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPreparednessPagesTests(PostgresApp app) : PreparednessPagesTests(app), IClassFixture<PostgresApp>;
