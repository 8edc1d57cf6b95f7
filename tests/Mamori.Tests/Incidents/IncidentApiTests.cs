using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Incidents.Reports;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Incidents;

/// <summary>The incident flow through the JSON API, both branches of the 2-1 decision, on every provider.</summary>
public abstract class IncidentApiTests(MamoriApp app) : IntegrationTest(app)
{
    private static readonly string[] DetectionSteps = ["1-1", "1-2", "1-3", "1-4"];
    private static readonly string[] NoSignsSteps = ["2-2", "2-3", "2-4", "2-5"];
    private static readonly string[] SignsSteps = ["2-6", "2-7", "2-8", "2-9", "2-10", "2-11", "2-12", "2-13", "2-14", "2-15", "2-16", "2-17", "2-18"];

    [Fact]
    public async Task An_admin_opens_an_incident_that_is_confirmed_at_once_with_the_detection_steps_done()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.CreateIncidentAsync(await admin.CreateFacilityAsync());
        var incident = await admin.GetIncidentAsync(id);

        Assert.Equal("open", incident.GetProperty("status").GetString());
        Assert.Equal(2, incident.GetProperty("phase").GetInt32());
        Assert.Equal(35, incident.GetProperty("steps").GetArrayLength());
        Assert.Equal(["done", "pending", "done", "done"], DetectionSteps.Select(s => incident.StatusOf(s)));
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("decision").ValueKind);
        Assert.Equal(0, incident.GetProperty("deadlines").GetArrayLength());
        Assert.Equal(["executive"], incident.Step("2-13").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["safety-manager", "external"], incident.Step("2-1").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // detectedAt without an offset is Japan time: 08:30 JST = 23:30 UTC the day before.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero), incident.GetProperty("detectedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Signs_of_an_attack_open_containment_and_reporting_and_close_the_technical_checks()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.CreateIncidentAsync(await admin.CreateFacilityAsync());
        // Branch steps wait for the decision.
        var early = await admin.PutStepAsync(id, "2-6", "done").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2-1の判断", early.GetProperty("detail").GetString());

        await admin.DecideAsync(id, true).ExpectAsync(HttpStatusCode.NoContent);
        var incident = await admin.GetIncidentAsync(id);
        Assert.Equal("done", incident.StatusOf("2-1"));
        Assert.All(NoSignsSteps, s => Assert.Equal("not-applicable", incident.StatusOf(s)));
        Assert.All(SignsSteps, s => Assert.Equal("pending", incident.StatusOf(s)));
        Assert.True(incident.GetProperty("decision").GetProperty("cyberattackSigns").GetBoolean());
        Assert.Equal("ファイルが暗号化され脅迫文が表示された", incident.GetProperty("decision").GetProperty("grounds").GetString());
        var mhlw = Assert.Single(incident.GetProperty("deadlines").EnumerateArray());
        Assert.Equal("mhlw", mhlw.GetProperty("kind").GetString());
        Assert.Equal("now", mhlw.GetProperty("status").GetString()); // "at once": due now, never "overdue" a minute later

        await admin.PutStepAsync(id, "2-6", "in-progress", "基幹LANをスイッチで遮断").ExpectAsync(HttpStatusCode.NoContent);
        await admin.PutStepAsync(id, "2-6", "done").ExpectAsync(HttpStatusCode.NoContent);
        await admin.PutStepAsync(id, "2-13", "done", "医療情報担当参事官室へ電話").ExpectAsync(HttpStatusCode.NoContent);
        var refused = await admin.PutStepAsync(id, "2-3", "done").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("対象外", refused.GetProperty("detail").GetString());

        incident = await admin.GetIncidentAsync(id);
        Assert.Equal("done", incident.StatusOf("2-6"));
        Assert.Equal("管理 一郎", incident.Step("2-6").GetProperty("completedBy").GetString());
        Assert.Equal("基幹LANをスイッチで遮断", incident.Step("2-6").GetProperty("note").GetString());
        Assert.Equal("done", incident.GetProperty("deadlines")[0].GetProperty("status").GetString());
        var timeline = incident.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains(timeline, t => t.StartsWith("2-1の判断：サイバー攻撃の兆候がある", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Contains("2-6 被害拡大防止：未着手 → 対応中", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Contains("2-13 厚生労働省へ報告：未着手 → 完了", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_signs_leads_to_the_technical_checks_and_a_changed_decision_brings_the_attack_path_back()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.CreateIncidentAsync(await admin.CreateFacilityAsync(), signs: ["slow-terminal"]);
        await admin.DecideAsync(id, false, "前日にベンダーがデータ移行を実施").ExpectAsync(HttpStatusCode.NoContent);
        var incident = await admin.GetIncidentAsync(id);
        Assert.All(SignsSteps, s => Assert.Equal("not-applicable", incident.StatusOf(s)));
        Assert.All(NoSignsSteps, s => Assert.Equal("pending", incident.StatusOf(s)));
        Assert.Equal(0, incident.GetProperty("deadlines").GetArrayLength());
        await admin.PutStepAsync(id, "2-2", "done", "前日の移行作業が原因と判明").ExpectAsync(HttpStatusCode.NoContent);
        await admin.PutStepAsync(id, "2-13", "done").ExpectProblemAsync(HttpStatusCode.BadRequest);

        // IPA says it looks like an attack after all.
        await admin.DecideAsync(id, true, "IPAの相談で不正アクセスの可能性を指摘された").ExpectAsync(HttpStatusCode.NoContent);
        incident = await admin.GetIncidentAsync(id);
        Assert.All(SignsSteps, s => Assert.Equal("pending", incident.StatusOf(s)));
        Assert.Equal("done", incident.StatusOf("2-2")); // finished work stays on record
        Assert.Equal("not-applicable", incident.StatusOf("2-3"));
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("text").GetString()!.StartsWith("2-1の判断を変更", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forbidden_transitions_and_unknown_steps_are_400_with_a_Japanese_message()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.CreateIncidentAsync(await admin.CreateFacilityAsync());
        await admin.DecideAsync(id, true).ExpectAsync(HttpStatusCode.NoContent);
        await admin.PutStepAsync(id, "2-7", "done").ExpectAsync(HttpStatusCode.NoContent);

        var back = await admin.PutStepAsync(id, "2-7", "in-progress").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("変更できません", back.GetProperty("detail").GetString());
        var noReason = await admin.PutStepAsync(id, "2-7", "pending").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("理由", noReason.GetProperty("detail").GetString());
        await admin.PutStepAsync(id, "2-7", "pending", "周知先に外来が漏れていた").ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal("pending", (await admin.GetIncidentAsync(id)).StatusOf("2-7"));

        var unknown = await admin.PutStepAsync(id, "9-9", "done").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("9-9", unknown.GetProperty("detail").GetString());
        await admin.PutStepAsync(id, "0-1", "done").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PutStepAsync(id, "2-8", "finished").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PutStepAsync(id, "2-8", "not-applicable").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PostRawJsonAsync($"/api/v1/incidents/{id}/decision", """{"grounds":"x"}""").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PostRawJsonAsync($"/api/v1/incidents/{id}/decision", """{"cyberattackSigns":true,"grounds":""}""").ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_reports_are_refused_with_a_Japanese_message()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        async Task<string> Refused(string json) =>
            (await admin.PostRawJsonAsync("/api/v1/incidents", json).ExpectProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        Assert.Contains("detectedAt", await Refused($$"""{"facilityId":"{{facility}}","title":"t","detectedAt":"昨日"}"""));
        Assert.Contains("未来", await Refused($$"""{"facilityId":"{{facility}}","title":"t","detectedAt":"2099-01-01T00:00"}"""));
        Assert.Contains("兆候", await Refused($$"""{"facilityId":"{{facility}}","title":"t","detectedAt":"2026-11-24T08:00","signs":["aliens"]}"""));
        Assert.Contains("医療機関", await Refused($$"""{"facilityId":"{{Guid.NewGuid()}}","title":"t","detectedAt":"2026-11-24T08:00"}"""));
        Assert.Contains("件名", await Refused($$"""{"facilityId":"{{facility}}","detectedAt":"2026-11-24T08:00"}"""));
    }

    [Fact]
    public async Task Each_role_updates_only_its_own_steps_and_other_facilities_see_nothing()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var other = await admin.CreateFacilityAsync(name: "別の病院");
        using var staff = await App.ApiClientAsync(await App.AddUserAsync(Role.Staff, facility, "職員 花子"));
        using var executive = await App.ApiClientAsync(await App.AddUserAsync(Role.Executive, facility, "経営 太郎"));
        using var otherStaff = await App.ApiClientAsync(await App.AddUserAsync(Role.Staff, other, "他院 職員"));

        // Staff report an anomaly: it waits for the safety manager (1-4).
        var id = await staff.CreateIncidentAsync(facility, title: "画面に英語の脅迫文", signs: ["ransom-note"]);
        var reported = await staff.GetIncidentAsync(id);
        Assert.Equal("reported", reported.GetProperty("status").GetString());
        Assert.Equal("pending", reported.StatusOf("1-4"));

        await otherStaff.GetAsync($"/api/v1/incidents/{id}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await otherStaff.GetJsonAsync("/api/v1/incidents").ContinueWith(t => t.Result.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList(), Ct), x => x == id);
        await otherStaff.PutStepAsync(id, "2-9", "done").ExpectProblemAsync(HttpStatusCode.NotFound);
        await staff.DecideAsync(id, true).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // The admin cannot decide before confirming; confirming goes through the incident page (or an admin's own report).
        await admin.DecideAsync(id, true).ExpectProblemAsync(HttpStatusCode.Conflict);
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Mamori.Incidents.IncidentService>().ConfirmAsync(Actor.System, id, Ct);
        }
        await admin.DecideAsync(id, true).ExpectAsync(HttpStatusCode.NoContent);
        await staff.PutStepAsync(id, "2-6", "done").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await staff.PutStepAsync(id, "2-9", "done", "外来の端末3台を停止").ExpectAsync(HttpStatusCode.NoContent);
        await executive.PutStepAsync(id, "2-8", "done", "対応チームを組成").ExpectAsync(HttpStatusCode.NoContent);
        await executive.PutStepAsync(id, "2-14", "done").ExpectProblemAsync(HttpStatusCode.Forbidden);
        var incident = await executive.GetIncidentAsync(id);
        Assert.Equal("経営 太郎", incident.Step("2-8").GetProperty("completedBy").GetString());
        Assert.Equal("職員 花子", incident.Step("2-9").GetProperty("completedBy").GetString());
    }

    [Fact]
    public async Task Every_view_and_change_is_in_the_access_log()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var id = await admin.CreateIncidentAsync(facility);
        await admin.GetIncidentAsync(id);
        await admin.DecideAsync(id, true).ExpectAsync(HttpStatusCode.NoContent);
        await admin.PutStepAsync(id, "2-6", "done").ExpectAsync(HttpStatusCode.NoContent);
        using var otherStaff = await App.ApiClientAsync(await App.AddUserAsync(Role.Staff, await admin.CreateFacilityAsync(name: "別の病院")));
        await otherStaff.GetAsync($"/api/v1/incidents/{id}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        var actions = await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == id.ToString()).OrderBy(e => e.Id)
            .Select(e => e.Action + ":" + e.Result).ToListAsync(Ct);
        Assert.Equal(["incident.report:Success", "incident.view:Success", "incident.decision:Success", "incident.step:Success", "incident.access:Denied"], actions);
    }

    [Fact]
    public async Task Exercises_run_the_same_flow_but_stay_out_of_real_lists_and_counts()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var real = await admin.CreateIncidentAsync(facility);
        var drill = await admin.CreateIncidentAsync(facility, title: "年次訓練：ランサムウェア", exercise: true);
        await admin.DecideAsync(drill, true).ExpectAsync(HttpStatusCode.NoContent);
        Assert.True((await admin.GetIncidentAsync(drill)).GetProperty("exercise").GetBoolean());

        var incidents = await admin.GetJsonAsync($"/api/v1/incidents?facilityId={facility}");
        Assert.Equal([real], incidents.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        var drills = await admin.GetJsonAsync($"/api/v1/incidents?facilityId={facility}&exercise=true");
        Assert.Equal([drill], drills.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        using var scope = App.Services.CreateScope();
        var counts = await scope.ServiceProvider.GetRequiredService<Mamori.Incidents.IncidentService>().CountAsync(Actor.System, facility, Ct);
        Assert.Equal(1, counts.Values.Sum());
    }

    [Fact]
    public async Task The_executive_report_docx_holds_the_incidents_facts()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "守り記念病院");
        var id = await admin.CreateIncidentAsync(facility, description: "3階東病棟の電子カルテ端末に脅迫文");
        await admin.DecideAsync(id, true, "拡張子 .lockbit のファイルを確認").ExpectAsync(HttpStatusCode.NoContent);
        await admin.PutStepAsync(id, "2-6", "done", "外部接続を遮断").ExpectAsync(HttpStatusCode.NoContent);

        // The draft still has blanks: exported only when the caller says so.
        var unfinished = await admin.GetAsync($"/api/v1/incidents/{id}/reports/executive.docx", Ct).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("未記入の箇所", unfinished.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var response = await admin.GetAsync($"/api/v1/incidents/{id}/reports/executive.docx?unfinished=ok", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = WordprocessingDocument.Open(stream, false);
        var text = string.Join("\n", document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("経営層への報告", text);
        Assert.Contains("守り記念病院", text);
        Assert.Contains("3階東病棟の電子カルテ端末に脅迫文", text);
        Assert.Contains("異常が発見された日\n2026年11月24日（令和8年）08:30（日本時間）", text);
        Assert.Contains("拡張子 .lockbit のファイルを確認", text);
        Assert.Contains("2-6 被害拡大防止", text);
        Assert.Contains("外部接続を遮断", text);

        await admin.GetAsync($"/api/v1/incidents/{id}/reports/insurer.docx", Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        using var staff = await App.ApiClientAsync(await App.AddUserAsync(Role.Staff, facility));
        await staff.GetAsync($"/api/v1/incidents/{id}/reports/executive.docx", Ct).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_report_without_a_title_is_named_after_its_first_sign_once_on_the_timeline()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var id = await admin.CreateIncidentAsync(facility, title: "", signs: ["ransom-note"]);
        var first = (await admin.GetIncidentAsync(id)).GetProperty("timeline").EnumerateArray().First().GetProperty("text").GetString()!;
        Assert.StartsWith("異常の報告：", first, StringComparison.Ordinal);
        Assert.DoesNotContain("異常の報告：異常の報告", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_report_exports_as_pdf_whose_text_holds_the_incidents_facts()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "髙﨑記念病院");
        var id = await admin.CreateIncidentAsync(facility, description: "検査部門サーバーのファイルが暗号化");
        await admin.DecideAsync(id, true, "脅迫文と暗号化を確認").ExpectAsync(HttpStatusCode.NoContent);
        using (var scope = App.Services.CreateScope())
        {
            // Aware of a possible leak on 2026-11-24 10:00 JST; an attack was found, so 確報 is due in 60 days: end of 2027-01-23 JST.
            await scope.ServiceProvider.GetRequiredService<Mamori.Incidents.IncidentService>()
                .SetPersonalDataAsync(Actor.System, id, true, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9)), false, Ct);
        }
        foreach (var kind in new[] { "executive", "mhlw", "ppc-preliminary", "ppc-final", "police" })
        {
            // The report as it stands before the download (which then adds "…を出力しました" to the timeline).
            IncidentReport meant;
            using (var scope = App.Services.CreateScope())
            {
                meant = await scope.ServiceProvider.GetRequiredService<IncidentReports>()
                    .GetAsync(Actor.System, id, ReportDrafter.Parse(kind)!.Value, "incident.report.view", ct: Ct);
            }
            using var response = await admin.GetAsync($"/api/v1/incidents/{id}/reports/{kind}.pdf?unfinished=ok", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var pdf = await response.Content.ReadAsByteArrayAsync(Ct);
            await PdfText.AssertReadsAsMeantAsync(ReportPdf.Compose(meant), pdf);
            var text = await PdfText.ExtractAsync(pdf);
            Assert.Contains("髙﨑記念病院", text);
            Assert.Contains("電子カルテ端末で脅迫文", text);
            if (kind != "ppc-preliminary" && kind != "ppc-final")
            {
                Assert.Contains("検査部門サーバーのファイルが暗号化", text);
            }
            if (kind == "ppc-final")
            {
                Assert.Contains("2027年1月23日（令和9年）まで", text);
                Assert.Contains("60日以内", text);
            }
        }
        var deadlines = (await admin.GetIncidentAsync(id)).GetProperty("deadlines").EnumerateArray()
            .ToDictionary(d => d.GetProperty("kind").GetString()!, d => d.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2027, 1, 23, 15, 0, 0, TimeSpan.Zero), deadlines["ppc-final"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero), deadlines["ppc-preliminary"]);
        Assert.Contains((await admin.GetIncidentAsync(id)).GetProperty("timeline").EnumerateArray(),
            e => e.GetProperty("text").GetString() == "個人情報保護委員会への漏えい等報告（確報）下書きを出力しました（PDF）");
    }
}

public sealed class SqliteIncidentApiTests(SqliteApp app) : IncidentApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIncidentApiTests(PostgresApp app) : IncidentApiTests(app), IClassFixture<PostgresApp>;
