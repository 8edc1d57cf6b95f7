using System.Net;
using Mamori.Accounts;
using Mamori.Common;
using Mamori.Incidents;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Incidents;

/// <summary>Reports made to the authorities: how, to whom, the reference number and when, and the step each completes.</summary>
public abstract class FilingTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_report_to_the_ministry_keeps_how_to_whom_and_the_reference_and_completes_2_13()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.CreateIncidentAsync(await admin.CreateFacilityAsync());
        await admin.DecideAsync(id, true).ExpectAsync(HttpStatusCode.NoContent);

        await admin.FileAsync(id, "mhlw", "phone", "医療情報担当参事官室 佐藤様", "MHLW-0042", "2026-11-24T10:15").ExpectAsync(HttpStatusCode.NoContent);

        var incident = await admin.GetIncidentAsync(id);
        var mhlw = incident.Deadline("mhlw");
        Assert.Equal("done", mhlw.GetProperty("status").GetString());
        Assert.Equal("phone", mhlw.GetProperty("method").GetString());
        Assert.Equal("医療情報担当参事官室 佐藤様", mhlw.GetProperty("recipient").GetString());
        Assert.Equal("MHLW-0042", mhlw.GetProperty("reference").GetString());
        // The time typed is the moment of the call (Japan time), not when it was entered.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 1, 15, 0, TimeSpan.Zero), mhlw.GetProperty("filedAt").GetDateTimeOffset());
        Assert.Equal("done", incident.StatusOf("2-13"));
        var timeline = incident.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains("厚生労働省への連絡：2026年11月24日（令和8年）10:15に電話で医療情報担当参事官室 佐藤様へ、受付番号 MHLW-0042", timeline);
    }

    [Fact]
    public async Task The_commission_s_preliminary_report_begins_4_3_and_the_final_report_completes_it()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.CreateIncidentAsync(await admin.CreateFacilityAsync());
        await admin.DecideAsync(id, true).ExpectAsync(HttpStatusCode.NoContent);
        using (var scope = App.Services.CreateScope())
        {
            var leader = await Campaigns.CampaignSetup.ActorAsync(App, await App.AddUserAsync(Role.Admin, null, "報告 責任者"));
            await scope.ServiceProvider.GetRequiredService<IncidentService>().SetPersonalDataAsync(leader, id, true, null, improperPurpose: false, Ct);
        }

        await admin.FileAsync(id, "ppc-preliminary", "web-form", "個人情報保護委員会", "PPC-1").ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal("in-progress", (await admin.GetIncidentAsync(id)).StatusOf("4-3"));

        await admin.FileAsync(id, "ppc-final", "web-form", "個人情報保護委員会", "PPC-2").ExpectAsync(HttpStatusCode.NoContent);
        var incident = await admin.GetIncidentAsync(id);
        Assert.Equal("done", incident.StatusOf("4-3"));
        Assert.Equal("web-form", incident.Deadline("ppc-final").GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("mhlw", "fax", "医政局", null, "method")]
    [InlineData("mhlw", "phone", "", null, "recipient")]
    [InlineData("tax-office", "phone", "医政局", null, "kind")]
    [InlineData("mhlw", "phone", "医政局", "2099-01-01T09:00", "at")]
    [InlineData("mhlw", "phone", "医政局", "2026-11-24T08:00", "at")] // before the detection at 08:30
    [InlineData("mhlw", "phone", "医政局", "きのう", "at")]
    public async Task A_report_without_how_or_to_whom_or_at_an_impossible_time_is_a_400_naming_the_field(string kind, string method, string recipient, string? at, string field)
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.CreateIncidentAsync(await admin.CreateFacilityAsync());
        var problem = await admin.FileAsync(id, kind, method, recipient, at: at).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
        var timeline = (await admin.GetIncidentAsync(id)).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("text").GetString()!);
        Assert.DoesNotContain(timeline, t => t.Contains("医政局", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_cannot_record_a_report_to_an_authority()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var id = await admin.CreateIncidentAsync(facility);
        var staff = await App.ApiClientAsync(await App.AddUserAsync(Role.Staff, facility, "職員 一般"));
        await staff.FileAsync(id, "mhlw").ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Evidence_collected_after_the_moment_it_is_registered_is_refused()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var id = await admin.CreateIncidentAsync(facility);
        using var scope = App.Services.CreateScope();
        var files = scope.ServiceProvider.GetRequiredService<FileService>();
        var actor = await Campaigns.CampaignSetup.ActorAsync(App, await App.AddUserAsync(Role.Admin, facility, "保全 担当"));
        var later = DateTimeOffset.UtcNow.AddMinutes(3);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            files.AddEvidenceAsync(actor, id, new Upload("vpn.log", "log"u8.ToArray(), CollectedFrom: "VPN装置", CollectedAt: later), Ct));
        Assert.Equal("collectedAt", refused.Field);
        Assert.Contains("登録の日時", refused.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteFilingTests(SqliteApp app) : FilingTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresFilingTests(PostgresApp app) : FilingTests(app), IClassFixture<PostgresApp>;
