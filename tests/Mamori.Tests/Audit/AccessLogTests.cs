using System.Net;
using System.Text.Json;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Audit;

/// <summary>The access log: what is recorded, who may read it, and that tampering with the table is detected.</summary>
public abstract class AccessLogTests(MamoriApp app) : IntegrationTest(app)
{
    private async Task<T> WithDbAsync<T>(Func<MamoriDbContext, Task<T>> action)
    {
        using var scope = App.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<MamoriDbContext>());
    }

    private Task<AuditVerification> VerifyAsync() => WithDbAsync(db => App.Services.CreateScope().ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(Ct));

    private Task<int> SqlAsync(string sql) => WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct));

    private Task<List<AuditEntry>> EntriesAsync() => WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct));

    [Fact]
    public async Task A_change_is_stamped_with_who_and_when_its_access_log_entry_says()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var user = await App.AddUserAsync(Mamori.Accounts.Role.Admin, facility, name: "記入 次郎");
        using var client = await App.ApiClientAsync(user);
        var id = await client.CreateAssessmentAsync(facility, "sysadmin");
        await client.PutAnswerAsync(id, 1, "yes").ExpectAsync(HttpStatusCode.NoContent);

        var round = await client.GetAssessmentAsync(id);
        Assert.Equal(JsonValueKind.Null, round.Answer(2).GetProperty("updatedAt").ValueKind);
        var (stored, logged) = await WithDbAsync(async db => (
            await db.AssessmentAnswers.AsNoTracking().SingleAsync(a => a.AssessmentId == id && a.ItemNumber == 1, Ct),
            await db.AuditEntries.AsNoTracking().Where(e => e.Action == "assessment.answer" && e.TargetId == id.ToString()).SingleAsync(Ct)));
        Assert.Equal(user.Id, stored.UpdatedBy);
        Assert.Equal(logged.UserId, stored.UpdatedBy);
        Assert.Equal(logged.At, stored.UpdatedAt);
        Assert.Equal(logged.At, round.Answer(1).GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Views_changes_exports_and_failed_sign_ins_are_recorded_with_who_and_from_where()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        await client.PutAnswerAsync(id, 3, "no").ExpectAsync(HttpStatusCode.NoContent);
        await client.GetJsonAsync($"/api/v1/assessments/{id}");
        (await client.GetAsync($"/api/v1/assessments/{id}/export.csv", Ct)).Dispose();
        using (var browser = new Browser(App.CreateClient()))
        {
            var login = await browser.GetAsync("/login");
            await browser.SubmitAsync(login, "form", new Dictionary<string, string?> { ["Email"] = "nobody@example.jp", ["Password"] = "wrong-password-1!" });
        }

        var entries = await EntriesAsync();
        var forRound = entries.Where(e => e.TargetId == id.ToString()).Select(e => e.Action).ToList();
        Assert.Contains("assessment.create", forRound);
        Assert.Contains("assessment.answer", forRound);
        Assert.Contains("assessment.view", forRound);
        Assert.Contains("assessment.export.csv", forRound);
        Assert.All(entries.Where(e => e.TargetId == id.ToString()), e => Assert.Equal("管理 一郎", e.UserName));
        var failed = Assert.Single(entries, e => e.Action == "sign-in.failed" && e.UserName == "nobody@example.jp");
        Assert.Equal(AuditResult.Failure, failed.Result);
        Assert.Null(failed.UserId);
        Assert.Null((await VerifyAsync()).Break);
    }

    [Fact]
    public async Task Concurrent_views_are_each_logged_once_before_they_are_answered_and_the_chain_holds()
    {
        // Every answered view must be in the log, once, in one chain, however many are written at once.
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("staff");
        var before = (await EntriesAsync()).Count(e => e.TargetId == id.ToString() && e.Action == "assessment.view");

        var views = Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await client.GetAsync($"/api/v1/assessments/{id}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        await Task.WhenAll(views);

        var entries = await EntriesAsync();
        Assert.Equal(before + 40, entries.Count(e => e.TargetId == id.ToString() && e.Action == "assessment.view"));
        // Each chain numbered 1, 2, 3… without a gap or a repeat.
        Assert.All(entries.GroupBy(e => e.Chain), chain =>
            Assert.Equal(Enumerable.Range(1, chain.Count()).Select(i => (long)i), chain.Select(e => e.Number).Order()));
        Assert.Null((await VerifyAsync()).Break);
    }

    [Fact]
    public async Task Only_installation_administrators_browse_and_export_the_log()
    {
        var admin = await App.AddUserAsync(Mamori.Accounts.Role.Admin, name: "ログ 閲覧者");
        using var adminBrowser = new Browser(App.CreateClient());
        await adminBrowser.SignInAsync(admin);
        var page = await adminBrowser.GetAsync("/admin/access-log?action=sign-in");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("サインイン", page.Text("table.history"), StringComparison.Ordinal);
        Assert.DoesNotContain("sign-in", page.Text("table.history"), StringComparison.Ordinal);
        // Exporting asks for the password again (re-authentication before taking the whole log out).
        var refused = await adminBrowser.SubmitAsync(page, "form[action*='handler=Csv']", new Dictionary<string, string?> { ["AdminPassword"] = "wrong-password-1!" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(await EntriesAsync(), e => e.Action == "audit.export" && e.Result == AuditResult.Failure);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector("form[action*='handler=Csv']")!;
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Name is not null)
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Name == "AdminPassword" ? MamoriApp.Password : i.Value)).ToList();
        using (var csv = await adminBrowser.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        }
        Assert.Contains(await EntriesAsync(), e => e.Action == "audit.export" && e.UserName == "ログ 閲覧者" && e.Result == AuditResult.Success);

        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "ログを見られない病院");
        var executive = await App.AddUserAsync(Mamori.Accounts.Role.Executive, facility, name: "経営 次郎");
        using var executiveBrowser = new Browser(App.CreateClient());
        await executiveBrowser.SignInAsync(executive);
        Assert.Equal(HttpStatusCode.Forbidden, (await executiveBrowser.GetAsync("/admin/access-log")).Status);
        using var csvDenied = await executiveBrowser.Client.PostAsync("/admin/access-log?handler=Csv",
            new FormUrlEncodedContent([new("AdminPassword", MamoriApp.Password)]), Ct);
        Assert.True(csvDenied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{csvDenied.StatusCode}");
    }

    [Fact]
    public async Task The_access_log_page_shows_each_chains_latest_anchor_to_write_down()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "アンカー表示病院");
        var anchored = await MamoriCli.RunAsync(App, null, "audit", "anchor");
        Assert.True(anchored.ExitCode == 0, anchored.Error);
        var line = anchored.Output.Split('\n').Single(l => l.Contains($" {facility} ", StringComparison.Ordinal)).Trim().Split(' ');
        Assert.Equal("1", line[2]);

        var admin = await App.AddUserAsync(Mamori.Accounts.Role.Admin, name: "アンカー 確認者");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);
        var anchors = (await browser.GetAsync("/admin/access-log")).Text("table.anchors");
        Assert.Contains("アンカー表示病院", anchors, StringComparison.Ordinal);
        Assert.Contains(line[3], anchors, StringComparison.Ordinal);
        Assert.Contains("全体共通", anchors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printed_report_carries_the_verification_each_chains_anchor_and_the_entries()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "報告書病院");
        var anchored = await MamoriCli.RunAsync(App, null, "audit", "anchor");
        Assert.True(anchored.ExitCode == 0, anchored.Error);
        var hash = anchored.Output.Split('\n').Single(l => l.Contains($" {facility} ", StringComparison.Ordinal)).Trim().Split(' ')[3];

        var admin = await App.AddUserAsync(Mamori.Accounts.Role.Admin, name: "報告書 印刷者");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);
        var page = await browser.GetAsync("/admin/access-log?action=facility");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector("form[action*='handler=Csv']")!;
        Assert.NotNull(form.QuerySelector("button[formaction='?handler=Report']"));
        List<KeyValuePair<string, string>> Fields(string password) => form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Name is not null)
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Name == "AdminPassword" ? password : i.Value)).ToList();

        using (var refused = await browser.Client.PostAsync("/admin/access-log?handler=Report", new FormUrlEncodedContent(Fields("wrong-password-1!")), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        using var report = await browser.Client.PostAsync("/admin/access-log?handler=Report", new FormUrlEncodedContent(Fields(MamoriApp.Password)), Ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("application/pdf", report.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await report.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("アクセスログ報告書", text, StringComparison.Ordinal);
        Assert.Contains("すべてのチェーンで異常はありません", text, StringComparison.Ordinal);
        Assert.Contains("報告書病院", text, StringComparison.Ordinal);
        // The hash wraps across lines in the PDF; its first half is on one line.
        Assert.Contains(hash[..32], text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("操作「facility」", text, StringComparison.Ordinal);
        Assert.Contains("医療機関の登録［facility.create］", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(await EntriesAsync(), e => e.Action == "audit.report" && e.UserName == "報告書 印刷者" && e.Result == AuditResult.Success);
    }

    [Fact]
    public async Task Audit_verify_checks_every_chain_and_a_change_put_back_verifies_again()
    {
        // Every kind of tampering is in AuditTamperTests; here, that verification reads the content itself.
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("staff");
        for (var n = 1; n <= 3; n++)
        {
            await client.PutAnswerAsync(id, n, n % 2 == 0 ? "yes" : "no").ExpectAsync(HttpStatusCode.NoContent);
        }
        var intact = await MamoriCli.RunAsync(App, null, "audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.Error);
        var entries = await EntriesAsync();
        Assert.Contains($"{entries.Count} entries checked", intact.Output, StringComparison.Ordinal);
        Assert.Contains($"chain installation: {entries.Count(e => e.Chain == AuditChain.Installation)} entries checked", intact.Output, StringComparison.Ordinal);
        var a = entries.Last(e => e.Chain == AuditChain.Installation && e.Action == "assessment.answer");

        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = 'item 1: yes' WHERE \"Id\" = {a.Id}");
        Assert.Equal($"chain installation: entry {a.Number} was changed after it was written (its seal does not match)", (await VerifyAsync()).Break);
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = '{a.Detail}' WHERE \"Id\" = {a.Id}");
        Assert.Null((await VerifyAsync()).Break);
    }
}

public sealed class SqliteAccessLogTests(SqliteApp app) : AccessLogTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAccessLogTests(PostgresApp app) : AccessLogTests(app), IClassFixture<PostgresApp>;
