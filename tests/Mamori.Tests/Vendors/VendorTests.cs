using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mamori.Accounts;
using Mamori.Common;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Vendors;

/// <summary>The facility's register of systems and their vendors (issue 17), through the API and the page, on every provider.</summary>
public abstract class VendorTests(MamoriApp app) : IntegrationTest(app)
{
    private static readonly Dictionary<string, object?> Full = new()
    {
        ["systemKind"] = "pacs", ["contactPerson"] = "保守 次郎", ["phone"] = "03-1234-5678", ["contractFrom"] = "2026-04-01", ["contractUntil"] = "2027-03-31",
        ["remote"] = true, ["remoteMethod"] = "VPN装置（拠点間）", ["memo"] = "夜間は携帯へ",
    };

    private async Task<(Guid Facility, HttpClient Admin)> FacilityAsync(string name = "事業者確認病院")
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: name);
        return (facility, await App.ApiClientAsync(await App.AddUserAsync(Role.Admin, facility, "安全 管理者")));
    }

    private static async Task<(JsonElement Body, int Revision)> GetVendorAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/vendors/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var etag = response.Headers.ETag?.Tag.Trim('"');
        Assert.Equal(body.GetProperty("revision").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), etag);
        return (body, body.GetProperty("revision").GetInt32());
    }

    private static Dictionary<string, object?> Body(string name, string system, string email, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["system"] = system, ["email"] = email };
        foreach (var (k, v) in extra ?? new Dictionary<string, object?>())
        {
            body[k] = v;
        }
        return body;
    }

    [Fact]
    public async Task An_admin_adds_lists_reads_and_updates_a_vendor_and_a_stale_revision_is_refused()
    {
        var (facility, admin) = await FacilityAsync();
        using var _ = admin;
        var id = await admin.CreateVendorAsync(facility, "守りメディカルシステム株式会社", "放射線画像システム", "pacs@example.jp", Full);
        var ehr = await admin.CreateVendorAsync(facility, "カルテ株式会社", "電子カルテ", "ehr@example.jp", new Dictionary<string, object?> { ["systemKind"] = "ehr" });

        var list = await admin.GetJsonAsync($"/api/v1/facilities/{facility}/vendors");
        // Sorted by kind (電子カルテ first), then name.
        Assert.Equal([ehr, id], list.EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        var (vendor, revision) = await GetVendorAsync(admin, id);
        Assert.Equal("pacs", vendor.GetProperty("systemKind").GetString());
        Assert.Equal("放射線画像システム", vendor.GetProperty("system").GetString());
        Assert.Equal("守りメディカルシステム株式会社", vendor.GetProperty("name").GetString());
        Assert.Equal("保守 次郎", vendor.GetProperty("contactPerson").GetString());
        Assert.Equal("2026-04-01", vendor.GetProperty("contractFrom").GetString());
        Assert.Equal("2027-03-31", vendor.GetProperty("contractUntil").GetString());
        Assert.True(vendor.GetProperty("remote").GetBoolean());
        Assert.Equal("VPN装置（拠点間）", vendor.GetProperty("remoteMethod").GetString());
        Assert.Equal(JsonValueKind.Null, vendor.GetProperty("mds").ValueKind);
        Assert.Equal(0, revision);

        var changed = Body("守りメディカルシステム株式会社", "放射線画像システム（新）", "pacs-support@example.jp", new Dictionary<string, object?> { ["systemKind"] = "pacs", ["remote"] = false });
        using (var put = await admin.PutJsonAsync($"/api/v1/vendors/{id}", changed, ifMatch: revision))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            Assert.Equal("\"1\"", put.Headers.ETag?.Tag);
        }
        var (updated, newRevision) = await GetVendorAsync(admin, id);
        Assert.Equal(1, newRevision);
        Assert.Equal("放射線画像システム（新）", updated.GetProperty("system").GetString());
        Assert.Equal("pacs-support@example.jp", updated.GetProperty("email").GetString());
        // PUT replaces the record: what it leaves out is cleared.
        Assert.False(updated.GetProperty("remote").GetBoolean());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("contractFrom").ValueKind);
        Assert.Equal("安全 管理者", updated.GetProperty("updatedBy").GetString());

        // Someone who read revision 0 is refused, and nothing of their write lands.
        var problem = await admin.PutJsonAsync($"/api/v1/vendors/{id}", Body("上書き株式会社", "上書き", "x@example.jp"), ifMatch: revision)
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("他の人が先に変更しました", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("守りメディカルシステム株式会社", (await GetVendorAsync(admin, id)).Body.GetProperty("name").GetString());
        await admin.PutJsonAsync($"/api/v1/vendors/{id}", changed, ifMatch: 0).ExpectProblemAsync(HttpStatusCode.Conflict);

        // A stale delete is refused too; the current revision deletes.
        using (var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/vendors/{id}"))
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            await admin.SendAsync(stale, Ct).ExpectProblemAsync(HttpStatusCode.Conflict);
        }
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/vendors/{id}"))
        {
            delete.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            await admin.SendAsync(delete, Ct).ExpectAsync(HttpStatusCode.NoContent);
        }
        await admin.GetAsync($"/api/v1/vendors/{id}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"/api/v1/vendors/{id}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Single((await admin.GetJsonAsync($"/api/v1/facilities/{facility}/vendors")).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"system":"電子カルテ","email":"a@example.jp"}""", "name", "事業者名を入力してください。")]
    [InlineData("""{"name":"株式会社A","email":"a@example.jp"}""", "system", "システム名を入力してください。")]
    [InlineData("""{"name":"株式会社A","system":"電子カルテ"}""", "email", "メールアドレスを入力してください。")]
    [InlineData("""{"name":"株式会社A","system":"電子カルテ","email":"support at example"}""", "email", "メールアドレスの形式が正しくありません")]
    [InlineData("""{"name":"株式会社A","system":"電子カルテ","email":"a@example.jp","systemKind":"mri"}""", "systemKind", "システムの種類は")]
    [InlineData("""{"name":"株式会社A","system":"電子カルテ","email":"a@example.jp","contractFrom":"2026/04/01"}""", "contractFrom", "YYYY-MM-DD")]
    [InlineData("""{"name":"株式会社A","system":"電子カルテ","email":"a@example.jp","contractFrom":"2027-04-01","contractUntil":"2026-03-31"}""", "contractUntil", "終了日が開始日より前")]
    [InlineData("""{"name":"株式会社A","system":"電子カルテ","email":"a@example.jp","contractUntil":"1800-01-01"}""", "contractUntil", "1900年から2100年")]
    [InlineData("""{"name":"株式会社A","system":"電子カルテ","email":"a@example.jp","remoteMethod":"VPN\u0007"}""", "remoteMethod", "リモート接続の方法に使用できない文字")]
    public async Task Bad_input_is_a_400_problem_in_japanese_naming_the_field(string json, string field, string message)
    {
        var (facility, admin) = await FacilityAsync();
        using var _ = admin;
        var problem = await admin.PostRawJsonAsync($"/api/v1/facilities/{facility}/vendors", json).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The same on PUT, and the record stays as it was.
        var id = await admin.CreateVendorAsync(facility);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/vendors/{id}") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        var again = await admin.SendAsync(request, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(field, again.GetProperty("field").GetString());
        var (vendor, revision) = await GetVendorAsync(admin, id);
        Assert.Equal(0, revision);
        Assert.Equal("守りメディカルシステム株式会社", vendor.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Another_facility_and_the_vendor_role_see_nothing_staff_read_only_and_the_access_log_has_every_step()
    {
        var (facility, admin) = await FacilityAsync();
        using var _ = admin;
        var (otherFacility, otherAdmin) = await FacilityAsync("別の病院");
        using var _o = otherAdmin;
        using var staff = await App.ApiClientAsync(await App.AddUserAsync(Role.Staff, facility, "職員 花子"));
        using var vendorRole = await App.ApiClientAsync(await App.AddUserAsync(Role.Vendor, facility, "保守 業者"));
        var id = await admin.CreateVendorAsync(facility, extra: Full);

        foreach (var outsider in new[] { otherAdmin, vendorRole })
        {
            await outsider.GetAsync($"/api/v1/facilities/{facility}/vendors", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
            await outsider.GetAsync($"/api/v1/vendors/{id}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
            await outsider.PutJsonAsync($"/api/v1/vendors/{id}", Body("乗っ取り", "乗っ取り", "x@example.jp")).ExpectProblemAsync(HttpStatusCode.NotFound);
            await outsider.DeleteAsync($"/api/v1/vendors/{id}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
            await outsider.PostAsJsonAsync($"/api/v1/facilities/{facility}/vendors", Body("株式会社X", "X", "x@example.jp"), Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        }
        // The other facility's admin keeps their own register.
        await otherAdmin.CreateVendorAsync(otherFacility);

        Assert.Single((await staff.GetJsonAsync($"/api/v1/facilities/{facility}/vendors")).EnumerateArray());
        await GetVendorAsync(staff, id);
        var refused = await staff.PutJsonAsync($"/api/v1/vendors/{id}", Body("株式会社X", "X", "x@example.jp")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("管理者", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await staff.DeleteAsync($"/api/v1/vendors/{id}", Ct).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await staff.PostAsJsonAsync($"/api/v1/facilities/{facility}/vendors", Body("株式会社X", "X", "x@example.jp"), Ct).ExpectProblemAsync(HttpStatusCode.Forbidden);

        await admin.PutJsonAsync($"/api/v1/vendors/{id}", Body("守りメディカルシステム株式会社", "電子カルテ", "new@example.jp")).ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/vendors/{id}", Ct).ExpectAsync(HttpStatusCode.NoContent);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        var onVendor = await db.AuditEntries.AsNoTracking().Where(e => e.TargetKind == "vendor" && e.TargetId == id.ToString()).OrderBy(e => e.Id)
            .Select(e => e.Action + ":" + e.Result + ":" + e.UserName).ToListAsync(Ct);
        Assert.Equal([
            "vendor.create:Success:安全 管理者",
            "vendor.access:Denied:安全 管理者", "vendor.access:Denied:安全 管理者", "vendor.access:Denied:安全 管理者",
            "vendor.access:Denied:保守 業者", "vendor.access:Denied:保守 業者", "vendor.access:Denied:保守 業者",
            "vendor.view:Success:職員 花子",
            "vendor.update:Success:安全 管理者", "vendor.delete:Success:安全 管理者",
        ], onVendor);
        var lists = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "vendor.list" && e.TargetId == facility.ToString())
            .Select(e => e.UserName).ToListAsync(Ct);
        Assert.Equal(["職員 花子"], lists);
        var detail = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "vendor.create" && e.TargetId == id.ToString()).Select(e => e.Detail).SingleAsync(Ct);
        Assert.Equal("電子カルテ / 守りメディカルシステム株式会社", detail);
    }

    [Fact]
    public async Task The_page_adds_and_edits_a_vendor_refuses_a_stale_form_and_flags_an_mds_over_a_year_old()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "画面確認病院");
        using var admin = new Browser(App.CreateClient());
        await admin.SignInAsync(await App.AddUserAsync(Role.Admin, facility, "安全 管理者"));
        using var staff = new Browser(App.CreateClient());
        await staff.SignInAsync(await App.AddUserAsync(Role.Staff, facility, "職員 花子"));
        var url = $"/facilities/{facility}/vendors";

        var details = await admin.GetAsync($"/facilities/{facility}");
        Assert.NotNull(details.Document.QuerySelector($"a[href='{url}']"));
        var page = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var added = await admin.SubmitAsync(page, "#vendor-save", new Dictionary<string, string?>
        {
            ["systemKind"] = "ehr", ["system"] = "電子カルテ（本院）", ["name"] = "カルテ株式会社", ["contactPerson"] = "保守 一郎", ["email"] = "ehr@example.jp",
            ["phone"] = "0120-000-000", ["contractFrom"] = "2026-04-01", ["contractUntil"] = "2027-03-31", ["remote"] = "true", ["remoteMethod"] = "VPN装置", ["memo"] = "障害時は24時間受付",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        page = await staff.GetAsync(url);
        var row = page.Document.QuerySelector("table.vendors tbody tr")!;
        Assert.Contains("電子カルテ（本院）", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("カルテ株式会社", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("VPN装置", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026年4月1日", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("未登録", row.QuerySelector("td.mds")!.TextContent, StringComparison.Ordinal);
        // Staff read the register; the forms are the admin's.
        Assert.Null(page.Document.QuerySelector("#vendor-save"));
        var id = Guid.Parse(row.Id!["vendor-".Length..]);

        // A form missing its email comes back with the error and what was typed.
        var edit = await admin.GetAsync($"{url}?edit={id}");
        var refused = await admin.SubmitAsync(edit, "#vendor-save", new Dictionary<string, string?> { ["email"] = "", ["memo"] = "書きかけ" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("メールアドレスを入力してください。", refused.Text(".error"), StringComparison.Ordinal);
        Assert.Equal("書きかけ", refused.Text("#vendor-save textarea[name=memo]"));

        // Two admins on the same record: the second save, made on revision 0, is refused.
        var first = await admin.SubmitAsync(edit, "#vendor-save", new Dictionary<string, string?> { ["phone"] = "03-0000-0001" });
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var second = await admin.SubmitAsync(edit, "#vendor-save", new Dictionary<string, string?> { ["phone"] = "03-9999-9999" });
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains("他の人が先に変更しました", second.Text(".error"), StringComparison.Ordinal);
        // The form now shows what is stored, with its new revision.
        Assert.Equal("03-0000-0001", second.Document.QuerySelector("#vendor-save input[name=phone]")!.GetAttribute("value"));
        Assert.Equal("1", second.Document.QuerySelector("#vendor-save input[name=revision]")!.GetAttribute("value"));

        // An MDS/SDS dated more than a year before today (Japan time) is flagged; the file is hashed on arrival.
        var today = JapaneseDates.TodayInJst(TimeProvider.System);
        var bytes = "%PDF-1.4 MDS 2.0 カルテ株式会社"u8.ToArray();
        using (var upload = await UploadAsync(admin, $"{url}?edit={id}", "#vendor-mds", "mds.pdf", bytes,
                   new() { ["mdsVersion"] = "第2版", ["mdsDate"] = JapaneseDates.Iso(today.AddYears(-1).AddDays(-1)) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }
        page = await staff.GetAsync(url);
        Assert.Contains("更新から1年以上経過", page.Text("table.vendors td.mds"), StringComparison.Ordinal);
        Assert.Contains("第2版", page.Text("table.vendors td.mds"), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), page.Text("table.vendors code.sha256"));
        var link = page.Document.QuerySelector("table.vendors td.mds a")!.GetAttribute("href")!;
        using (var download = await staff.Client.GetAsync(link, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));
        }
        var api = await App.ApiClientAsync(await App.AddUserAsync(Role.Executive, facility, "経営 太郎"));
        var mds = (await GetVendorAsync(api, id)).Body.GetProperty("mds");
        Assert.True(mds.GetProperty("stale").GetBoolean());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), mds.GetProperty("sha256").GetString());

        // Exactly a year old is not yet over a year; a future date is refused with its field.
        using (var upload = await UploadAsync(admin, $"{url}?edit={id}", "#vendor-mds", "mds3.pdf", bytes,
                   new() { ["mdsVersion"] = "第3版", ["mdsDate"] = JapaneseDates.Iso(today.AddYears(-1)) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }
        page = await staff.GetAsync(url);
        Assert.DoesNotContain("更新から1年以上経過", page.Text("table.vendors td.mds"), StringComparison.Ordinal);
        Assert.Contains("第3版", page.Text("table.vendors td.mds"), StringComparison.Ordinal);
        using (var future = await UploadAsync(admin, $"{url}?edit={id}", "#vendor-mds", "mds4.pdf", bytes,
                   new() { ["mdsDate"] = JapaneseDates.Iso(today.AddDays(1)) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
            Assert.Contains("未来の日付", await future.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        var actions = await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(["vendor.create", "vendor.update", "vendor.mds", "vendor.view", "vendor.mds"], actions);
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
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "file", fileName);
        return await browser.Client.PostAsync(form.GetAttribute("action"), content, Ct);
    }
}

public sealed class SqliteVendorTests(SqliteApp app) : VendorTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresVendorTests(PostgresApp app) : VendorTests(app), IClassFixture<PostgresApp>;
