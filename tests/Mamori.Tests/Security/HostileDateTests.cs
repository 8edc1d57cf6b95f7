using System.Net;
using System.Net.Http.Json;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Incidents;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Security;

/// <summary>
/// Dates from the security probe: before the 和暦 calendar's first day, at the ends of the date type, and moments that
/// underflow when turned into UTC are refused with the shared range message; a stored one still renders.
/// </summary>
public abstract class HostileDateTests(MamoriApp app) : IntegrationTest(app)
{
    private const string RangeMessage = "日付は1900年から2100年の間で入力してください。";

    private async Task<(Guid Facility, Browser Admin)> AdminAsync()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "日付確認病院");
        var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(await App.AddUserAsync(Role.Admin, facility, "安全 管理者"));
        return (facility, browser);
    }

    [Theory]
    [InlineData("1868-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("0001-01-01")]
    public async Task A_contact_confirmed_before_1900_is_refused_with_the_range_message(string date)
    {
        var (facility, admin) = await AdminAsync();
        using var _ = admin;
        var page = await admin.GetAsync($"/facilities/{facility}/contacts");
        var form = "#" + page.Document.QuerySelector("li.card form")!.Id;
        var refused = await admin.SubmitAsync(page, form, new Dictionary<string, string?> { ["confirmedOn"] = date });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(RangeMessage, refused.Text(".error"));
    }

    [Theory]
    [InlineData("1800-01-01")]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public async Task An_action_target_outside_1900_to_2100_is_refused_with_the_range_message(string date)
    {
        var (facility, admin) = await AdminAsync();
        using var _ = admin;
        var page = await admin.GetAsync($"/facilities/{facility}/preparedness");
        var refused = await admin.SubmitAsync(page, "form[action*='handler=Action']", new Dictionary<string, string?> { ["title"] = "手順の整備", ["targetOn"] = date });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(RangeMessage, refused.Text(".error"));
    }

    [Fact]
    public async Task Dates_stored_before_the_era_calendar_render_in_gregorian_on_the_contacts_and_preparedness_pages_and_the_binder()
    {
        var (facility, admin) = await AdminAsync();
        using var _ = admin;
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/facilities/{facility}/contacts")).Status);
        // As an older version let it in: written straight to the database.
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
            var contact = await db.Set<FacilityContact>().Where(c => c.FacilityId == facility).OrderBy(c => c.Id).FirstAsync(Ct);
            contact.ConfirmedOn = new DateOnly(1800, 1, 1);
            db.Set<ImprovementAction>().Add(new ImprovementAction { FacilityId = facility, Title = "古い目標", TargetOn = new DateOnly(1, 1, 1), CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        var contacts = await admin.GetAsync($"/facilities/{facility}/contacts");
        Assert.Equal(HttpStatusCode.OK, contacts.Status);
        Assert.Contains("1800年1月1日", contacts.Document.Body!.TextContent);
        var preparedness = await admin.GetAsync($"/facilities/{facility}/preparedness");
        Assert.Equal(HttpStatusCode.OK, preparedness.Status);
        Assert.Contains("1年1月1日", preparedness.Document.Body!.TextContent);
        using var binder = await admin.Client.GetAsync($"/facilities/{facility}/binder.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, binder.StatusCode);
    }

    [Theory]
    [InlineData("0001-01-01", "2026-12-01")]
    [InlineData("2026-12-01", "9999-12-31")]
    [InlineData("0001-01-01T00:00:00+09:00", "2026-12-01")]
    [InlineData("2026-12-01", "9999-12-31T23:59:59-09:00")]
    public async Task Campaign_dates_at_the_ends_of_the_date_type_are_a_400_naming_the_field(string opensAt, string closesAt)
    {
        var api = await App.AdminApiAsync();
        var facility = await api.CreateFacilityAsync();
        var problem = await api.PostAsJsonAsync("/api/v1/campaigns",
            new { facilityId = facility, catalogId = "mhlw-2021-10", title = "職員チェック", opensAt, closesAt }, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(opensAt.StartsWith("0001", StringComparison.Ordinal) ? "opensAt" : "closesAt", problem.GetProperty("field").GetString());
        Assert.Equal(RangeMessage, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Campaign_page_dates_at_the_ends_of_the_date_type_are_a_form_error()
    {
        var (facility, admin) = await AdminAsync();
        using var _ = admin;
        var page = await admin.GetAsync($"/facilities/{facility}/campaigns");
        var refused = await admin.SubmitAsync(page, "form.campaign-form", new Dictionary<string, string?> { ["OpensOn"] = "2026-12-01", ["ClosesOn"] = "9999-12-31" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(RangeMessage, refused.Text(".error"));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+09:00")]
    [InlineData("0001-01-01T05:00")]
    [InlineData("9999-12-31T23:59:59-09:00")]
    [InlineData("1850-06-01T10:00")]
    public async Task An_incident_detected_at_an_underflowing_or_out_of_range_moment_is_a_400_naming_the_field(string detectedAt)
    {
        var api = await App.AdminApiAsync();
        var facility = await api.CreateFacilityAsync();
        var problem = await api.PostAsJsonAsync("/api/v1/incidents", new { facilityId = facility, title = "不審な画面", detectedAt }, Ct)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("detectedAt", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("from=0001-01-01")]
    [InlineData("to=9999-12-31")]
    public async Task An_access_log_period_at_the_ends_of_the_date_type_is_a_400_with_the_range_message(string query)
    {
        using var admin = new Browser(App.CreateClient());
        await admin.SignInAsync(await App.AddUserAsync(Role.Admin, name: "全体 管理者"));
        var page = await admin.GetAsync($"/admin/access-log?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(RangeMessage, page.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_dated_outside_the_range_is_refused_by_the_api()
    {
        var api = await App.AdminApiAsync();
        var facility = await api.CreateFacilityAsync();
        var problem = await api.PostAsJsonAsync("/api/v1/assessments",
            new { facilityId = facility, catalogId = "mhlw-2021-10", checklist = "sysadmin", respondent = "記入 太郎", date = "1868-09-07" }, Ct)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(RangeMessage, problem.GetProperty("detail").GetString());
    }
}

public sealed class SqliteHostileDateTests(SqliteApp app) : HostileDateTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresHostileDateTests(PostgresApp app) : HostileDateTests(app), IClassFixture<PostgresApp>;
