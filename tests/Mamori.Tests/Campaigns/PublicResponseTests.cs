using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Accounts;
using Mamori.Campaigns;
using Mamori.Tests.Fixtures;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Campaigns;

/// <summary>/r/{code} as staff and outside tools use it: the form without JavaScript, and JSON.</summary>
public abstract class PublicResponseTests(MamoriApp app) : IntegrationTest(app)
{
    private static object Body(string marks, string? department = null, string? jobType = "看護師", string? respondent = null) =>
        new { department, jobType, respondent, answers = CampaignSetup.Answers(marks) };

    private async Task<(Guid Facility, Campaign Campaign)> CampaignAsync(bool anonymous = true)
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "回答確認病院");
        return (facility, await CampaignSetup.NewAsync(App, facility, anonymous));
    }

    private Task<CampaignResult> ResultAsync(Guid id) =>
        CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignResults>().GetAsync(Actor.System, id, ct: Ct));

    [Fact]
    public async Task The_form_works_without_javascript_and_shows_guidance_for_each_cross()
    {
        var (_, campaign) = await CampaignAsync();
        var code = await CampaignSetup.CodeAsync(App, campaign.Id, "病棟");
        using var browser = new Browser(App.CreateClient());

        var page = await browser.GetAsync($"/r/{code}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("病棟", page.Document.QuerySelector("select[name=Department] option[selected]")?.GetAttribute("value"));
        Assert.Null(page.Document.QuerySelector("input[name=Respondent]")); // anonymous: no name asked
        Assert.Equal(20, page.Document.QuerySelectorAll("input[type=radio][name^=Answers]").Length);

        var answers = CampaignSetup.Answers("○×○○○×○○○○").ToDictionary(a => $"Answers[{a.Key}]", a => a.Value);
        answers["JobType"] = "薬剤師";
        var sent = await browser.SubmitAsync(page, "#respond", answers);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var done = await browser.GetAsync(sent.Location!.OriginalString);
        Assert.Contains("受け付けました", done.Text("#done-heading"), StringComparison.Ordinal);
        Assert.Equal(["guidance-2", "guidance-6"], done.Document.QuerySelectorAll(".guidance li").Select(l => l.Id));
        Assert.StartsWith("不審なメールの添付ファイル", done.Text("#guidance-6 .guidance-text"), StringComparison.Ordinal);

        // One anonymous response is below any result's threshold, so the stored row itself is checked.
        var stored = await CampaignSetup.WithAsync(App, async s =>
        {
            var db = s.GetRequiredService<Mamori.Data.MamoriDbContext>();
            return await (from r in db.Set<CampaignResponse>()
                          join d in db.Set<Department>() on r.DepartmentId equals d.Id
                          join j in db.Set<JobType>() on r.JobTypeId equals j.Id
                          where r.CampaignId == campaign.Id
                          select new { Department = d.Name, JobType = j.Name, r.YesMask }).SingleAsync(Ct);
        });
        Assert.Equal(("病棟", "薬剤師"), (stored.Department, stored.JobType));
        Assert.Equal(8, System.Numerics.BitOperations.PopCount((ulong)stored.YesMask));
        Assert.Equal(1, (await ResultAsync(campaign.Id)).Responses);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_not_stored()
    {
        var (_, campaign) = await CampaignAsync();
        var code = await CampaignSetup.CodeAsync(App, campaign.Id, "外来");
        using var client = App.CreateClient();
        var fields = CampaignSetup.Answers("○○○○○○○○○○").ToDictionary(a => $"Answers[{a.Key}]", a => a.Value);
        fields["JobType"] = "医師";

        using var response = await client.PostAsync($"/r/{code}", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await ResultAsync(campaign.Id)).Responses);
    }

    [Fact]
    public async Task Json_gives_201_400_404_409_and_410_with_japanese_problems()
    {
        var (facility, campaign) = await CampaignAsync(anonymous: false);
        var code = await CampaignSetup.CodeAsync(App, campaign.Id, "検査部");
        using var client = App.CreateClient();

        using (var created = await client.PostAsJsonAsync($"/r/{code}", Body("○○○○○○○○○×", respondent: "検査 太郎", jobType: "臨床検査技師"), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(10, body.GetProperty("weakItems").EnumerateArray().Single().GetProperty("number").GetInt32());
        }
        var missing = await client.PostAsJsonAsync($"/r/{code}", Body("○○○", respondent: "検査 太郎"), Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("項目4", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var noName = await client.PostAsJsonAsync($"/r/{code}", Body("○○○○○○○○○○"), Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("respondent", noName.GetProperty("field").GetString());
        await client.PostRawJsonAsync($"/r/{code}", "{\"answers\": [1, 2").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await client.PostRawJsonAsync($"/r/{code}", "{\"answers\": {\"1\": true}}").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await client.PostAsJsonAsync("/r/abcdefghjkmnpqrstuvw", Body("○○○○○○○○○○"), Ct).ExpectProblemAsync(HttpStatusCode.NotFound);

        var closed = await CampaignSetup.NewAsync(App, facility, opensAt: DateTimeOffset.UtcNow.AddDays(-3), closesAt: DateTimeOffset.UtcNow.AddSeconds(-1));
        var gone = await client.PostAsJsonAsync($"/r/{await CampaignSetup.CodeAsync(App, closed.Id, "外来")}", Body("○○○○○○○○○○"), Ct).ExpectProblemAsync(HttpStatusCode.Gone);
        Assert.Contains("終了", gone.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var closedPage = await new Browser(App.CreateClient()).GetAsync($"/r/{await CampaignSetup.CodeAsync(App, closed.Id, "外来")}");
        Assert.Contains("終了", closedPage.Text(".warning"), StringComparison.Ordinal);
        Assert.Null(closedPage.Document.QuerySelector("#respond"));

        await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignService>().AddPersonsAsync(Actor.System, campaign.Id, "山田 花子, 病棟, 看護師", Ct));
        var (_, persons) = await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignService>().PersonLinksAsync(Actor.System, campaign.Id, "test", Ct));
        await client.PostAsJsonAsync($"/r/{persons[0].Code}", Body("○○○○○○○○○○", jobType: null), Ct).ExpectAsync(HttpStatusCode.Created);
        await client.PostAsJsonAsync($"/r/{persons[0].Code}", Body("○○○○○○○○○○", jobType: null), Ct).ExpectProblemAsync(HttpStatusCode.Conflict);

        var result = await ResultAsync(campaign.Id);
        Assert.Equal(2, result.Responses);
    }

    [Fact]
    public async Task Json_that_cannot_be_read_is_a_400_problem_and_an_unknown_code_a_404_problem()
    {
        var (_, campaign) = await CampaignAsync();
        var code = await CampaignSetup.CodeAsync(App, campaign.Id, "外来");
        using var client = App.CreateClient();

        foreach (var json in new[] { "{\"answers\": {\"1\": \"yes\"", "", "null", "[]", "{\"department\": 5}", "{\"answers\": [\"yes\"]}" })
        {
            var problem = await client.PostRawJsonAsync($"/r/{code}", json).ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var wrongType = await client.PostRawJsonAsync($"/r/{code}", "{\"jobType\": \"医師\", \"answers\": {\"3\": 1}}").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("answers", wrongType.GetProperty("field").GetString());
        Assert.Contains("項目3", wrongType.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unknown = await client.PostAsJsonAsync("/r/abcdefghjkmnpqrstuvw", Body("○○○○○○○○○○", department: "外来"), Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("リンクは見つかりません", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await ResultAsync(campaign.Id)).Responses);
    }

    [Fact]
    public async Task Json_sent_as_a_form_type_goes_to_the_page_and_is_refused_without_the_antiforgery_token()
    {
        var (_, campaign) = await CampaignAsync();
        var code = await CampaignSetup.CodeAsync(App, campaign.Id, "外来");
        using var client = App.CreateClient();
        var json = JsonSerializer.Serialize(Body("○○○○○○○○○○", department: "外来"));

        // What a page on another site can send without a CORS preflight: the body is JSON, the type is not.
        using var response = await client.PostAsync($"/r/{code}", new StringContent(json, System.Text.Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await ResultAsync(campaign.Id)).Responses);
    }

    [Fact]
    public void The_json_endpoint_limits_its_body_like_the_page_did()
    {
        // Kestrel enforces the limit (the test server has no body size limit to set), so this checks the declaration.
        var endpoint = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/r/{code}" && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true);
        Assert.Equal(16 * 1024, endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize);
    }

    [Fact]
    public async Task One_person_link_sent_many_times_at_once_is_counted_once()
    {
        var (_, campaign) = await CampaignAsync();
        await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignService>().AddPersonsAsync(Actor.System, campaign.Id, "同時 送信, 外来, 事務職", Ct));
        var (_, persons) = await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignService>().PersonLinksAsync(Actor.System, campaign.Id, "test", Ct));
        using var client = App.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsJsonAsync($"/r/{persons[0].Code}", Body("○○○○○○○○○○", jobType: null), Ct)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var r in responses)
        {
            r.Dispose();
        }
        Assert.Equal(1, (await ResultAsync(campaign.Id)).Responses);
    }

    [Fact]
    public async Task Bulk_concurrent_submissions_are_all_counted()
    {
        var (_, campaign) = await CampaignAsync();
        string[] departments = ["外来", "病棟", "手術部", "薬剤部"];
        var codes = new Dictionary<string, string>();
        foreach (var d in departments)
        {
            codes[d] = await CampaignSetup.CodeAsync(App, campaign.Id, d);
        }
        using var client = App.CreateClient();
        // 200 sheets at once; sheet i has ○ on items 1..(i % 11), so the expected ○ total is known.
        var sheets = Enumerable.Range(0, 200).Select(i => (Department: departments[i % 4], Yes: i % 11)).ToList();

        var responses = await Task.WhenAll(sheets.Select(s =>
            client.PostAsJsonAsync($"/r/{codes[s.Department]}", Body(new string('○', s.Yes) + new string('×', 10 - s.Yes)), Ct)));

        var failed = responses.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => (int)r.StatusCode).ToList();
        foreach (var r in responses)
        {
            r.Dispose();
        }
        Assert.Empty(failed);
        var result = await ResultAsync(campaign.Id);
        Assert.Equal(200, result.Responses);
        Assert.Equal(sheets.Sum(s => s.Yes), result.Total.Checked);
        Assert.Equal(2000, result.Total.Total);
        Assert.All(departments, d => Assert.Equal(50, result.Departments.Single(x => x.Name == d).Responses));
        Assert.Equal(sheets.Count(s => s.Yes >= 1), result.Items.Single(i => i.Item.Number == 1).Line.Checked);
    }
}

public sealed class SqlitePublicResponseTests(SqliteApp app) : PublicResponseTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPublicResponseTests(PostgresApp app) : PublicResponseTests(app), IClassFixture<PostgresApp>;

/// <summary>The /r budget (RateLimits:ResponsesPerMinute, here 3 a minute) covers the JSON endpoint and the page alike.</summary>
[Collection(WallClockTests.Name)]
public sealed class PublicResponseRateLimitTests(LowResponseLimitSqliteApp app) : IntegrationTest(app), IClassFixture<LowResponseLimitSqliteApp>
{
    [Fact]
    public async Task Past_the_budget_json_gets_a_429_problem_and_the_browser_a_429_page()
    {
        using var client = App.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await client.PostRawJsonAsync("/r/abcdefghjkmnpqrstuvw", "{}").ExpectProblemAsync(HttpStatusCode.NotFound);
        }

        using (var limited = await client.PostRawJsonAsync("/r/abcdefghjkmnpqrstuvw", "{}"))
        {
            await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("60", limited.Headers.RetryAfter?.ToString());
        }
        using var page = await client.GetAsync("/r/abcdefghjkmnpqrstuvw", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class LowResponseLimitSqliteApp : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["RateLimits:ResponsesPerMinute"] = "3" };

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => SqliteDatabaseAsync();
}
