using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Campaigns;

/// <summary>POST /api/v1/campaigns, GET …/{id} with its department links, GET …/{id}/result.</summary>
public abstract class CampaignApiTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Create_list_links_answer_and_read_the_result()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "API確認病院");
        // Named, so the groups of one and two below are shown (AnonymityTests has the anonymous rule).
        var (id, code) = await admin.CreateCampaignAsync(facility, anonymous: false);

        var campaign = await admin.GetJsonAsync($"/api/v1/campaigns/{id}");
        Assert.Equal("open", campaign.GetProperty("state").GetString());
        Assert.Equal(code, campaign.GetProperty("code").GetString());
        var links = campaign.GetProperty("departments").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("url").GetString()!);
        Assert.Equal(10, links.Count);
        Assert.EndsWith("/r/" + campaign.GetProperty("departments")[0].GetProperty("code").GetString(), links["外来"], StringComparison.Ordinal);

        using var anyone = App.CreateClient();
        foreach (var (department, marks) in new[] { ("外来", "○○○○○○○○○○"), ("外来", "○○○○○○○○××"), ("病棟", "××××××××××") })
        {
            await anyone.PostAsJsonAsync(new Uri(links[department]).AbsolutePath,
                new { jobType = "看護師", respondent = "職員 " + marks, answers = CampaignSetup.Answers(marks) }, Ct).ExpectAsync(HttpStatusCode.Created);
        }
        // The campaign's own link: the department is chosen by the respondent.
        await anyone.PostAsJsonAsync($"/r/{code}", new { department = "病棟", jobType = "医師", respondent = "医師 一郎", answers = CampaignSetup.Answers("○×○×○×○×○×") }, Ct).ExpectAsync(HttpStatusCode.Created);

        var result = await admin.GetJsonAsync($"/api/v1/campaigns/{id}/result");
        Assert.Equal(4, result.GetProperty("responses").GetInt32());
        Assert.Equal(23, result.GetProperty("checked").GetInt32()); // 10 + 8 + 0 + 5
        Assert.Equal(40, result.GetProperty("total").GetInt32());
        Assert.Equal(57.5m, result.GetProperty("ratio").GetDecimal());
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 10), items.Select(i => i.GetProperty("number").GetInt32()));
        Assert.Equal(75.0m, items[0].GetProperty("yesRatio").GetDecimal()); // item 1: 3 of 4
        Assert.Equal(25.0m, items[9].GetProperty("yesRatio").GetDecimal()); // item 10: 1 of 4
        var ward = result.GetProperty("departments").EnumerateArray().First();
        Assert.Equal("病棟", ward.GetProperty("name").GetString()); // weakest first: 5/20
        Assert.Equal(2, ward.GetProperty("responses").GetInt32());
        Assert.Equal(0, ward.GetProperty("headcount").GetInt32());
        Assert.Equal(25.0m, ward.GetProperty("ratio").GetDecimal());
    }

    [Fact]
    public async Task Bad_input_gets_japanese_problems_and_wrong_roles_are_refused()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var body = new Dictionary<string, object?> { ["facilityId"] = facility, ["catalogId"] = "mhlw-2021-10", ["title"] = "点検", ["opensAt"] = "2026-12-01", ["closesAt"] = "2026-11-01" };
        var backwards = await admin.PostAsJsonAsync("/api/v1/campaigns", body, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("closesAt", backwards.GetProperty("field").GetString());
        body["closesAt"] = "12月31日";
        await admin.PostAsJsonAsync("/api/v1/campaigns", body, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        body["closesAt"] = "2026-12-31T17:00:00+09:00";
        body["title"] = "";
        await admin.PostAsJsonAsync("/api/v1/campaigns", body, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        body["title"] = "点検";
        body["catalogId"] = "no-such";
        await admin.PostAsJsonAsync("/api/v1/campaigns", body, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var (id, _) = await admin.CreateCampaignAsync(facility);
        using var staff = await App.ApiClientAsync(await App.AddUserAsync(Role.Staff, facility, "職員 一般"));
        using var executive = await App.ApiClientAsync(await App.AddUserAsync(Role.Executive, facility, "経営 一般"));
        using var otherAdmin = await App.ApiClientAsync(await App.AddUserAsync(Role.Admin, await admin.CreateFacilityAsync(name: "他院"), "他院 管理者"));
        body["catalogId"] = "mhlw-2021-10";
        await staff.PostAsJsonAsync("/api/v1/campaigns", body, Ct).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await executive.PostAsJsonAsync("/api/v1/campaigns", body, Ct).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await staff.GetAsync($"/api/v1/campaigns/{id}/result", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await otherAdmin.GetAsync($"/api/v1/campaigns/{id}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await executive.GetJsonAsync($"/api/v1/campaigns/{id}/result")).GetProperty("responses").GetInt32());
    }
}

public sealed class SqliteCampaignApiTests(SqliteApp app) : CampaignApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCampaignApiTests(PostgresApp app) : CampaignApiTests(app), IClassFixture<PostgresApp>;
