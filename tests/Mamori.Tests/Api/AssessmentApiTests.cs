using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

/// <summary>Starting a round through POST /api/v1/assessments and reading it back.</summary>
public abstract class AssessmentApiTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_new_round_has_every_item_unanswered()
    {
        var client = await App.AdminApiAsync();
        var facility = await client.CreateFacilityAsync();
        var id = await client.CreateAssessmentAsync(facility, "sysadmin", respondent: "情報 管理者");

        var round = await client.GetAssessmentAsync(id);
        Assert.Equal(id, round.GetProperty("id").GetGuid());
        Assert.Equal(facility, round.GetProperty("facilityId").GetGuid());
        Assert.Equal("mhlw-2021-10", round.GetProperty("catalogId").GetString());
        Assert.Equal("sysadmin", round.GetProperty("checklist").GetString());
        Assert.Equal("情報 管理者", round.GetProperty("respondent").GetString());
        Assert.Equal(ApiCalls.Date, round.GetProperty("date").GetString());
        Assert.Equal("in-progress", round.GetProperty("status").GetString());
        var answers = round.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 92), answers.Select(a => a.GetProperty("number").GetInt32()));
        Assert.All(answers, a => Assert.Equal(JsonValueKind.Null, a.GetProperty("answer").ValueKind));
    }

    [Fact]
    public async Task Online_qualification_list_needs_a_facility_that_does_it()
    {
        var client = await App.AdminApiAsync();
        var without = await client.CreateFacilityAsync(onlineQualification: false);
        var problem = await client.PostAsJsonAsync("/api/v1/assessments",
                new { facilityId = without, catalogId = "mhlw-2021-10", checklist = "online-qualification", respondent = "担当", date = ApiCalls.Date }, Ct)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("オンライン資格確認", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var with = await client.CreateFacilityAsync(onlineQualification: true);
        var id = await client.CreateAssessmentAsync(with, "online-qualification");
        Assert.Equal(2, (await client.GetAssessmentAsync(id)).GetProperty("answers").GetArrayLength());
    }

    public static TheoryData<string, object?> BadCreations() => new()
    {
        { "facilityId", Guid.NewGuid().ToString() },
        { "facilityId", "not-a-guid" },
        { "facilityId", null },
        { "catalogId", "mhlw-1999-01" },
        { "checklist", "doctors" },
        { "respondent", "  " },
        { "date", "2026-13-01" },
        { "date", "2026/11/24" },
        { "date", "" },
        { "date", null },
        { "date", "1999-12-31" },
    };

    [Theory]
    [MemberData(nameof(BadCreations))]
    public async Task Bad_creation_input_is_a_400_problem(string field, object? value)
    {
        var client = await App.AdminApiAsync();
        var facility = await client.CreateFacilityAsync();
        var body = new Dictionary<string, object?>
        {
            ["facilityId"] = facility,
            ["catalogId"] = "mhlw-2021-10",
            ["checklist"] = "executive",
            ["respondent"] = "経営 太郎",
            ["date"] = ApiCalls.Date,
        };
        body[field] = value;
        var problem = await client.PostAsJsonAsync("/api/v1/assessments", body, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(ApiCalls.IsJapanese(problem.GetProperty("detail").GetString()));
    }
}

public sealed class SqliteAssessmentApiTests(SqliteApp app) : AssessmentApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAssessmentApiTests(PostgresApp app) : AssessmentApiTests(app), IClassFixture<PostgresApp>;
