using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Assessments;

/// <summary>A round of a yearly (はい / いいえ) edition through the API: both rounds, dates, the gate, the result, carry-forward.</summary>
public abstract class YearlyRoundTests(MamoriApp app) : IntegrationTest(app)
{
    /// <summary>Inside 令和8年度 (2026-04-01 … 2027-03-31) and in the past for the tests' clock.</summary>
    private const string RoundDate = "2026-06-01";

    private async Task<(HttpClient Admin, string CatalogId, Guid Facility, Guid Round)> NewRoundAsync(string date = RoundDate)
    {
        var admin = await App.AdminApiAsync();
        var catalogId = await admin.ImportAsync(TestEditions.Yearly(TestEditions.NewId()));
        var facility = await admin.CreateFacilityAsync();
        var round = await CreateAsync(admin, facility, catalogId, date);
        return (admin, catalogId, facility, round);
    }

    private static async Task<Guid> CreateAsync(HttpClient admin, Guid facility, string catalogId, string date, Guid? carryFrom = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/assessments",
            new { facilityId = facility, catalogId, checklist = "institution", respondent = "情報 一郎", date, carryFrom }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> Answer(HttpClient client, Guid round, int number, object body, int? ifMatch = null) =>
        client.PutJsonAsync($"/api/v1/assessments/{round}/answers/{number}", body, ifMatch);

    private static JsonElement Round(JsonElement assessment, int number, int round) =>
        assessment.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == number)
            .GetProperty("rounds").EnumerateArray().Single(r => r.GetProperty("round").GetInt32() == round);

    [Fact]
    public async Task Both_rounds_are_answered_with_their_dates_and_read_back()
    {
        var (admin, _, _, round) = await NewRoundAsync();

        await Answer(admin, round, 1, new { round = 1, answer = "yes", confirmedOn = "2026-06-01" }).ExpectAsync(HttpStatusCode.NoContent);
        await Answer(admin, round, 2, new { round = 1, answer = "no", confirmedOn = "2026-06-01", targetDate = "2027-03-31", memo = "規程を改定する" }).ExpectAsync(HttpStatusCode.NoContent);
        await Answer(admin, round, 2, new { round = 2, answer = "yes", confirmedOn = "2026-11-30" }).ExpectAsync(HttpStatusCode.NoContent);

        var read = await admin.GetAssessmentAsync(round);
        Assert.Equal(2026, read.GetProperty("fiscalYear").GetInt32());
        var first = Round(read, 2, 1);
        Assert.Equal("no", first.GetProperty("answer").GetString());
        Assert.Equal("2026-06-01", first.GetProperty("confirmedOn").GetString());
        Assert.Equal("2027-03-31", first.GetProperty("targetDate").GetString());
        Assert.Equal("規程を改定する", first.GetProperty("memo").GetString());
        var second = Round(read, 2, 2);
        Assert.Equal("yes", second.GetProperty("answer").GetString());
        Assert.Equal("2026-11-30", second.GetProperty("confirmedOn").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("memo").ValueKind);
        Assert.Equal(1, second.GetProperty("revision").GetInt32());
    }

    public static TheoryData<string, string> BadAnswers => new()
    {
        { """{"round":3,"answer":"yes","confirmedOn":"2026-06-01"}""", "round" },
        { """{"answer":"yes","confirmedOn":"2026-06-01","round":"1"}""", "round" },
        { """{"round":1,"answer":"maybe","confirmedOn":"2026-06-01"}""", "answer" },
        { """{"round":1,"answer":"yes"}""", "confirmedOn" },
        { """{"round":1,"answer":"yes","confirmedOn":"2099-01-01"}""", "confirmedOn" },
        { """{"round":1,"answer":"yes","confirmedOn":"2026/06/01"}""", "confirmedOn" },
        { """{"round":1,"answer":"no","confirmedOn":"2026-06-01"}""", "targetDate" },
        { """{"round":1,"answer":"no","confirmedOn":"2026-06-01","targetDate":"2027-04-01"}""", "targetDate" },
        { """{"round":1,"answer":"no","confirmedOn":"2026-06-01","targetDate":"2026-03-31"}""", "targetDate" },
        { """{"round":1,"answer":"yes","confirmedOn":"2026-06-01","targetDate":"2026-12-01"}""", "targetDate" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Bad_answers_and_dates_are_a_400_naming_the_field_and_nothing_is_saved(string body, string field)
    {
        var (admin, _, _, round) = await NewRoundAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/assessments/{round}/answers/2")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        var problem = await admin.SendAsync(request, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(ApiCalls.IsJapanese(problem.GetProperty("detail").GetString()));
        var read = await admin.GetAssessmentAsync(round);
        Assert.Equal(0, Round(read, 2, 1).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task The_2021_answer_body_on_a_yearly_round_is_refused_and_round_on_a_2021_round_too()
    {
        var (admin, _, _, round) = await NewRoundAsync();
        var problem = await admin.PutAnswerAsync(round, 2, "yes").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("round", problem.GetProperty("field").GetString());

        var old = await admin.CreateRoundAsync("executive");
        await Answer(admin, old, 1, new { round = 1, answer = "yes", confirmedOn = "2026-06-01" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_stale_revision_is_a_409_per_round()
    {
        var (admin, _, _, round) = await NewRoundAsync();
        await Answer(admin, round, 4, new { round = 1, answer = "yes", confirmedOn = "2026-06-01" }, ifMatch: 0).ExpectAsync(HttpStatusCode.NoContent);
        await Answer(admin, round, 4, new { round = 1, answer = "no", confirmedOn = "2026-06-01", targetDate = "2026-12-31" }, ifMatch: 0).ExpectProblemAsync(HttpStatusCode.Conflict);
        // The other round has its own revision.
        await Answer(admin, round, 4, new { round = 2, answer = "yes", confirmedOn = "2026-06-02" }, ifMatch: 0).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_result_counts_yes_per_section_and_round_and_the_gate_closes_a_round()
    {
        var (admin, _, _, round) = await NewRoundAsync();
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            await Answer(admin, round, n, new { round = 1, answer = "yes", confirmedOn = "2026-06-01" }).ExpectAsync(HttpStatusCode.NoContent);
        }
        await Answer(admin, round, 5, new { round = 1, answer = "no", confirmedOn = "2026-06-01", targetDate = "2026-09-30" }).ExpectAsync(HttpStatusCode.NoContent);
        // The gate's いいえ needs no 目標日: there is no system to secure.
        await Answer(admin, round, 1, new { round = 2, answer = "no", confirmedOn = "2026-11-01" }).ExpectAsync(HttpStatusCode.NoContent);

        var result = await admin.GetJsonAsync($"/api/v1/assessments/{round}/result");
        var lines = result.GetProperty("sections").EnumerateArray()
            .Select(l => (l.GetProperty("section").GetString(), l.GetProperty("round").GetInt32(), l.GetProperty("yes").GetInt32(), l.GetProperty("applicable").GetInt32()))
            .ToList();
        Assert.Equal([("1", 1, 2, 2), ("2", 1, 1, 2), ("3", 1, 0, 1), ("1", 2, 0, 0), ("2", 2, 0, 0), ("3", 2, 0, 0)], lines);
        var total = result.GetProperty("total").EnumerateArray().Select(l => (l.GetProperty("round").GetInt32(), l.GetProperty("yes").GetInt32(), l.GetProperty("applicable").GetInt32())).ToList();
        Assert.Equal([(1, 3, 5), (2, 0, 0)], total);
        Assert.True(Round(await admin.GetAssessmentAsync(round), 3, 2).GetProperty("notApplicable").GetBoolean());
    }

    [Fact]
    public async Task Completing_applies_to_both_rounds_and_a_completed_round_refuses_answers()
    {
        var (admin, _, _, round) = await NewRoundAsync();
        await admin.CompleteAsync(round).ExpectAsync(HttpStatusCode.NoContent);
        await Answer(admin, round, 2, new { round = 2, answer = "yes", confirmedOn = "2026-06-01" }).ExpectProblemAsync(HttpStatusCode.Conflict);
        await admin.ReopenAsync(round, new { reason = "2回目の確認" }).ExpectAsync(HttpStatusCode.NoContent);
        await Answer(admin, round, 2, new { round = 2, answer = "yes", confirmedOn = "2026-06-01" }).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_new_year_starts_from_last_years_answers_as_unconfirmed_without_dates()
    {
        var admin = await App.AdminApiAsync();
        var lastYear = await admin.ImportAsync(TestEditions.Yearly(TestEditions.NewId()));
        var thisYear = await admin.ImportAsync(TestEditions.Yearly(TestEditions.NewId(), previous: lastYear));
        var facility = await admin.CreateFacilityAsync();
        var old = await CreateAsync(admin, facility, lastYear, "2025-06-01");
        await Answer(admin, old, 2, new { round = 1, answer = "no", confirmedOn = "2025-06-01", targetDate = "2025-12-01" }).ExpectAsync(HttpStatusCode.NoContent);
        await Answer(admin, old, 2, new { round = 2, answer = "yes", confirmedOn = "2025-12-01" }).ExpectAsync(HttpStatusCode.NoContent);
        await Answer(admin, old, 4, new { round = 1, answer = "no", confirmedOn = "2025-06-01", targetDate = "2026-03-01" }).ExpectAsync(HttpStatusCode.NoContent);

        var round = await CreateAsync(admin, facility, thisYear, RoundDate, carryFrom: old);

        var read = await admin.GetAssessmentAsync(round);
        Assert.Equal(old.ToString(), read.GetProperty("carriedFrom").GetString());
        // Item 3 now reads differently but carries from last year's 2 (its latest answer, 2回目 はい); 4 has the same text.
        var three = Round(read, 3, 1);
        Assert.Equal("yes", three.GetProperty("lastYear").GetString());
        Assert.Equal(JsonValueKind.Null, three.GetProperty("answer").ValueKind);
        Assert.Equal(JsonValueKind.Null, three.GetProperty("confirmedOn").ValueKind);
        Assert.Equal("no", Round(read, 4, 1).GetProperty("lastYear").GetString());
        Assert.Equal(JsonValueKind.Null, Round(read, 4, 1).GetProperty("targetDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, Round(read, 6, 1).GetProperty("lastYear").ValueKind);

        // The same year, or a round of the 2021 edition, cannot be carried.
        using var same = await admin.PostAsJsonAsync("/api/v1/assessments",
            new { facilityId = facility, catalogId = thisYear, checklist = "institution", respondent = "情報 一郎", date = RoundDate, carryFrom = round }, Ct);
        Assert.Equal("carryFrom", (await same.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_round_shows_the_revision_it_was_answered_on_after_a_correction()
    {
        var (admin, catalogId, facility, round) = await NewRoundAsync();
        var corrected = TestEditions.Yearly(catalogId);
        corrected["checklists"]![0]!["items"]![1]!["text"] = "（テスト）責任者を定め、周知している。";
        await admin.PostAsJsonAsync($"/api/v1/catalogs/{catalogId}/revisions", new { note = "誤字", document = corrected }, Ct).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(1, (await admin.GetAssessmentAsync(round)).GetProperty("catalogRevision").GetInt32());
        var next = await CreateAsync(admin, facility, catalogId, RoundDate);
        Assert.Equal(2, (await admin.GetAssessmentAsync(next)).GetProperty("catalogRevision").GetInt32());
    }
}

public sealed class SqliteYearlyRoundTests(SqliteApp app) : YearlyRoundTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresYearlyRoundTests(PostgresApp app) : YearlyRoundTests(app), IClassFixture<PostgresApp>;
