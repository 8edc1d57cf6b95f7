using System.Net;
using System.Text.Json;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

/// <summary>Answering items through PUT /api/v1/assessments/{id}/answers/{number}.</summary>
public abstract class AnswerApiTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Answers_and_memos_save_and_read_back_with_new_revisions()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");

        await client.PutAnswerAsync(id, 1, "yes").ExpectAsync(HttpStatusCode.NoContent);
        await client.PutAnswerAsync(id, 2, "no", memo: "来年度に規程を改定予定").ExpectAsync(HttpStatusCode.NoContent);
        var round = await client.GetAssessmentAsync(id);
        Assert.Equal("yes", round.Answer(1).GetProperty("answer").GetString());
        Assert.Equal(1, round.Answer(1).GetProperty("revision").GetInt32());
        Assert.Equal("no", round.Answer(2).GetProperty("answer").GetString());
        Assert.Equal("来年度に規程を改定予定", round.Answer(2).GetProperty("memo").GetString());
        Assert.Equal(JsonValueKind.Null, round.Answer(3).GetProperty("answer").ValueKind);

        await client.PutAnswerAsync(id, 1, null).ExpectAsync(HttpStatusCode.NoContent);
        round = await client.GetAssessmentAsync(id);
        Assert.Equal(JsonValueKind.Null, round.Answer(1).GetProperty("answer").ValueKind);
        Assert.Equal(2, round.Answer(1).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Memo_only_keeps_the_answer_and_one_save_is_one_revision_returned_as_etag()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");

        using (var response = await client.PutAnswerAsync(id, 4, "no", memo: "予算化を検討"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        }
        using (var response = await client.PutJsonAsync($"/api/v1/assessments/{id}/answers/4", new { memo = "令和9年度予算に計上" }, ifMatch: 1))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        }
        var answer = (await client.GetAssessmentAsync(id)).Answer(4);
        Assert.Equal("no", answer.GetProperty("answer").GetString());
        Assert.Equal("令和9年度予算に計上", answer.GetProperty("memo").GetString());
        Assert.Equal(2, answer.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task If_match_star_writes_unconditionally_and_an_empty_body_is_refused()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        await client.PutAnswerAsync(id, 5, "yes").ExpectAsync(HttpStatusCode.NoContent);

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/assessments/{id}/answers/5") { Content = System.Net.Http.Json.JsonContent.Create(new { answer = "no" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        await client.SendAsync(request, Ct).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal("no", (await client.GetAssessmentAsync(id)).Answer(5).GetProperty("answer").GetString());

        var problem = await client.PutJsonAsync($"/api/v1/assessments/{id}/answers/5", new { }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("answer", problem.GetProperty("field").GetString());
        Assert.Equal("no", (await client.GetAssessmentAsync(id)).Answer(5).GetProperty("answer").GetString());
    }

    [Theory]
    [InlineData("19")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("１")]
    [InlineData("99999999999")]
    public async Task Unknown_or_malformed_item_number_is_a_400_problem(string number)
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        var problem = await client.PutAnswerAsync(id, number, "yes").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("number", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("YES")]
    [InlineData("○")]
    [InlineData("true")]
    public async Task Unknown_answer_value_is_a_400_problem(string answer)
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        var problem = await client.PutAnswerAsync(id, 1, answer).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("answer", problem.GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.Null, (await client.GetAssessmentAsync(id)).Answer(1).GetProperty("answer").ValueKind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{")]
    [InlineData("{\"answer\": 1}")]
    [InlineData("{\"answer\": true}")]
    [InlineData("{\"answer\": [\"yes\"]}")]
    [InlineData("{\"answer\": \"yes\", \"memo\": \"\\u0007\"}")]
    public async Task Malformed_answer_bodies_are_400_problems_never_500(string body)
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        await client.PutAsync($"/api/v1/assessments/{id}/answers/1", content, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_refused_memo_leaves_the_item_unchanged()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        await client.PutAnswerAsync(id, 1, "yes", memo: new string('あ', 2000)).ExpectAsync(HttpStatusCode.NoContent);
        var problem = await client.PutAnswerAsync(id, 2, "yes", memo: new string('あ', 2001)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("memo", problem.GetProperty("field").GetString());
        // A 400 means nothing was saved: not the answer sent with the refused memo either.
        var item = (await client.GetAssessmentAsync(id)).Answer(2);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("answer").ValueKind);
        Assert.Equal(0, item.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Unknown_round_is_a_404_problem()
    {
        var client = await App.AdminApiAsync();
        var unknown = Guid.NewGuid();
        await client.PutAnswerAsync(unknown, 1, "yes").ExpectProblemAsync(HttpStatusCode.NotFound);
        await client.GetAsync($"/api/v1/assessments/{unknown}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await client.GetAsync($"/api/v1/assessments/{unknown}/result", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await client.CompleteAsync(unknown).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_If_Match_revision_is_a_409_and_changes_nothing()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        await client.PutAnswerAsync(id, 5, "yes", ifMatch: 0).ExpectAsync(HttpStatusCode.NoContent);
        await client.PutAnswerAsync(id, 5, "no", ifMatch: 0).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("yes", (await client.GetAssessmentAsync(id)).Answer(5).GetProperty("answer").GetString());

        await client.PutAnswerAsync(id, 5, "no", ifMatch: 1).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal("no", (await client.GetAssessmentAsync(id)).Answer(5).GetProperty("answer").GetString());
    }
}

public sealed class SqliteAnswerApiTests(SqliteApp app) : AnswerApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAnswerApiTests(PostgresApp app) : AnswerApiTests(app), IClassFixture<PostgresApp>;
