using System.Net;
using System.Net.Http.Json;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Campaigns;

/// <summary>
/// An anonymous campaign through what people and programs use: the result API, the page, the summary and response
/// exports, persons.csv and the access log never let one person's answers be read.
/// </summary>
public abstract class AnonymityTests(MamoriApp app) : IntegrationTest(app)
{
    /// <summary>外来 6 (看護師), 病棟 3 and 手術部 2 (医師): 病棟 and 手術部 are each below 5 and together reach it.</summary>
    private async Task<(Guid Facility, Guid Campaign, HttpClient Admin)> AnsweredAsync(params (string Department, int Count, string JobType)[] groups)
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "匿名性確認病院");
        var (id, _) = await admin.CreateCampaignAsync(facility);
        using var anyone = App.CreateClient();
        anyone.DefaultRequestHeaders.UserAgent.ParseAdd("WardPhone/1.0");
        var codes = (await admin.GetJsonAsync($"/api/v1/campaigns/{id}")).GetProperty("departments").EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("code").GetString()!);
        foreach (var (department, count, jobType) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                await anyone.PostAsJsonAsync($"/r/{codes[department]}", new { jobType, answers = CampaignSetup.Answers(i % 2 == 0 ? "○○○○○○○○○○" : "××××××××××") }, Ct)
                    .ExpectAsync(HttpStatusCode.Created);
            }
        }
        return (facility, id, admin);
    }

    [Fact]
    public async Task Small_groups_are_merged_into_one_row_when_together_they_reach_the_threshold()
    {
        var (_, id, admin) = await AnsweredAsync(("外来", 6, "看護師"), ("病棟", 3, "医師"), ("手術部", 2, "医師"));

        var result = await admin.GetJsonAsync($"/api/v1/campaigns/{id}/result");
        Assert.Equal(11, result.GetProperty("responses").GetInt32());
        var departments = result.GetProperty("departments").EnumerateArray().Where(d => d.GetProperty("responses").GetInt32() > 0)
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => (Responses: d.GetProperty("responses").GetInt32(), Merged: d.GetProperty("merged").GetBoolean()));
        Assert.Equal(new Dictionary<string, (int, bool)> { ["外来"] = (6, false), ["その他（少数）"] = (5, true) }, departments);
        Assert.Equal(5, result.GetProperty("anonymity").GetProperty("threshold").GetInt32());
        Assert.Equal(0, result.GetProperty("anonymity").GetProperty("hiddenDepartments").GetInt32());
        // Job types 看護師 6 and 医師 5 both reach the threshold.
        Assert.Equal(2, result.GetProperty("jobTypes").EnumerateArray().Count(j => j.GetProperty("responses").GetInt32() > 0));

        var summary = await (await BrowserAsync()).Client.GetStringAsync($"/campaigns/{id}/summary.csv", Ct);
        Assert.Contains("その他（少数）", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("病棟,3", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_small_group_is_left_out_with_another_so_it_cannot_be_worked_out_from_the_total()
    {
        var (facility, id, admin) = await AnsweredAsync(("外来", 6, "看護師"), ("病棟", 7, "看護師"), ("手術部", 1, "看護師"));

        var result = await admin.GetJsonAsync($"/api/v1/campaigns/{id}/result");
        Assert.Equal(14, result.GetProperty("responses").GetInt32());
        var shown = result.GetProperty("departments").EnumerateArray().Where(d => d.GetProperty("responses").GetInt32() > 0)
            .Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Equal(["病棟"], shown);
        Assert.Equal(2, result.GetProperty("anonymity").GetProperty("hiddenDepartments").GetInt32());

        // The page says so, and shows no row for either.
        using var browser = await BrowserAsync();
        var page = await browser.GetAsync($"/campaigns/{id}/results");
        Assert.Contains("表示から外した部門: 2", page.Text("#anonymity"), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector(".department-results tr[data-name=手術部]"));
        Assert.Null(page.Document.QuerySelector(".department-results tr[data-name=外来]"));
        Assert.Null(page.Document.QuerySelector(".heat tr[data-name=手術部]"));

        // responses.csv: the department alone, as the results show it; no job type, no time, no name.
        var rows = (await browser.Client.GetStringAsync($"/campaigns/{id}/responses.csv", Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("部門,項目1,", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("職種", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("回答日", rows[0], StringComparison.Ordinal);
        Assert.Equal(14, rows.Length - 1);
        Assert.Equal(7, rows.Count(r => r.StartsWith("その他（少数）,", StringComparison.Ordinal)));
        Assert.Equal(7, rows.Count(r => r.StartsWith("病棟,", StringComparison.Ordinal)));
        Assert.DoesNotContain(rows, r => r.StartsWith("手術部", StringComparison.Ordinal) || r.StartsWith("外来", StringComparison.Ordinal));
        _ = facility;
    }

    [Fact]
    public async Task Responses_are_listed_in_random_order()
    {
        // Alternating ○ and × sheets in one department: in submission order the rows would alternate too.
        var (_, id, _) = await AnsweredAsync(("外来", 24, "看護師"));
        using var browser = await BrowserAsync();
        var orders = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var rows = (await browser.Client.GetStringAsync($"/campaigns/{id}/responses.csv", Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1);
            orders.Add(string.Concat(rows.Select(r => r.Contains('○', StringComparison.Ordinal) ? '1' : '0')));
        }
        // Three shuffles of 12 + 12 rows all equal to each other has a chance of about 1 in 7 × 10^12.
        Assert.True(orders.Count > 1, "The rows came out in the same order three times.");
        Assert.DoesNotContain(string.Concat(Enumerable.Repeat("10", 12)), orders);
    }

    [Fact]
    public async Task Below_the_threshold_in_total_only_the_count_is_shown()
    {
        var (_, id, admin) = await AnsweredAsync(("外来", 3, "看護師"));

        var result = await admin.GetJsonAsync($"/api/v1/campaigns/{id}/result");
        Assert.Equal(3, result.GetProperty("responses").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("ratio").ValueKind);
        Assert.True(result.GetProperty("anonymity").GetProperty("withheld").GetBoolean());
        Assert.All(result.GetProperty("items").EnumerateArray(), i => Assert.Equal(0, i.GetProperty("answers").GetInt32()));
        Assert.Empty(result.GetProperty("departments").EnumerateArray());

        using var browser = await BrowserAsync();
        var page = await browser.GetAsync($"/campaigns/{id}/results");
        Assert.Contains("5件に達していない", page.Text("#withheld"), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector(".items-share"));
        var rows = (await browser.Client.GetStringAsync($"/campaigns/{id}/responses.csv", Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(rows);
    }

    [Fact]
    public async Task Persons_csv_of_an_anonymous_campaign_never_says_who_has_answered()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "個人リンク匿名病院");
        var (id, _) = await admin.CreateCampaignAsync(facility);
        using var browser = await BrowserAsync();
        var detail = await browser.GetAsync($"/campaigns/{id}");
        await browser.SubmitAsync(detail, "#persons form[action*=AddPersons]", new Dictionary<string, string?> { ["Persons"] = "山田 花子, 病棟, 看護師\n鈴木 次郎, 外来, 医師" });
        var before = await browser.Client.GetStringAsync($"/campaigns/{id}/persons.csv", Ct);
        var code = before.Split("\r\n")[1].Split("/r/")[1].Trim();
        using var anyone = App.CreateClient();
        await anyone.PostAsJsonAsync($"/r/{code}", new { jobType = "看護師", answers = CampaignSetup.Answers("○○○○○○○○○○") }, Ct).ExpectAsync(HttpStatusCode.Created);

        var after = await browser.Client.GetStringAsync($"/campaigns/{id}/persons.csv", Ct);
        Assert.Equal("氏名,メールアドレス,部門,職種,回答用URL", after.TrimStart('\uFEFF').Split("\r\n")[0]);
        Assert.Equal(before, after);
        Assert.DoesNotContain("済", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_access_log_keeps_no_address_or_user_agent_for_anonymous_answers()
    {
        var (_, id, _) = await AnsweredAsync(("外来", 2, "看護師"));
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "記名ログ病院");
        var (named, code) = await admin.CreateCampaignAsync(facility, anonymous: false);
        using var anyone = App.CreateClient();
        anyone.DefaultRequestHeaders.UserAgent.ParseAdd("WardPhone/1.0");
        await anyone.PostAsJsonAsync($"/r/{code}", new { department = "外来", jobType = "看護師", respondent = "山田 花子", answers = CampaignSetup.Answers("○○○○○○○○○○") }, Ct)
            .ExpectAsync(HttpStatusCode.Created);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        var anonymous = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "campaign.respond" && e.TargetId == id.ToString()).ToListAsync(Ct);
        Assert.Equal(2, anonymous.Count);
        Assert.All(anonymous, e => Assert.Equal((null, null), (e.Client, e.UserAgent)));
        var namedEntry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "campaign.respond" && e.TargetId == named.ToString(), Ct);
        Assert.Equal("WardPhone/1.0", namedEntry.UserAgent);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(101)]
    public async Task A_threshold_below_three_or_absurdly_high_is_refused(int threshold)
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var problem = await admin.PostAsJsonAsync("/api/v1/campaigns", new
        {
            facilityId = facility, catalogId = "mhlw-2021-10", title = "点検", opensAt = "2026-12-01", closesAt = "2026-12-20", anonymityThreshold = threshold,
        }, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("anonymityThreshold", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_higher_threshold_chosen_at_the_start_holds()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "しきい値病院");
        var created = await admin.PostAsJsonAsync("/api/v1/campaigns", new
        {
            facilityId = facility, catalogId = "mhlw-2021-10", title = "点検", opensAt = Day(-1), closesAt = Day(14), anonymityThreshold = 8,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetGuid();
        var code = (await admin.GetJsonAsync($"/api/v1/campaigns/{id}")).GetProperty("departments")[0].GetProperty("code").GetString();
        using var anyone = App.CreateClient();
        for (var i = 0; i < 7; i++)
        {
            await anyone.PostAsJsonAsync($"/r/{code}", new { jobType = "看護師", answers = CampaignSetup.Answers("○○○○○○○○○○") }, Ct).ExpectAsync(HttpStatusCode.Created);
        }
        var result = await admin.GetJsonAsync($"/api/v1/campaigns/{id}/result");
        Assert.Equal(8, result.GetProperty("anonymity").GetProperty("threshold").GetInt32());
        Assert.True(result.GetProperty("anonymity").GetProperty("withheld").GetBoolean());
    }

    private static string Day(int fromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Browser> BrowserAsync()
    {
        var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(await App.AddUserAsync(Mamori.Accounts.Role.Admin, name: "匿名 確認"));
        return browser;
    }
}

public sealed class SqliteAnonymityTests(SqliteApp app) : AnonymityTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAnonymityTests(PostgresApp app) : AnonymityTests(app), IClassFixture<PostgresApp>;
