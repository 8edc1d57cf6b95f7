using System.Net;
using System.Net.Http.Headers;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

/// <summary>Bearer tokens: none or a wrong one is a 401 problem; a valid one sees only its user's facilities.</summary>
public abstract class AuthTests(MamoriApp app) : IntegrationTest(app)
{
    [Theory]
    [InlineData("GET", "/api/v1/catalogs")]
    [InlineData("GET", "/api/v1/facilities")]
    [InlineData("POST", "/api/v1/facilities")]
    [InlineData("GET", "/api/v1/assessments/0194b6a0-0000-7000-8000-000000000000")]
    [InlineData("PUT", "/api/v1/assessments/0194b6a0-0000-7000-8000-000000000000/answers/1")]
    public async Task Without_a_token_the_api_answers_401_problem(string method, string url)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request, Ct);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("認証が必要です。", problem.GetProperty("title").GetString());
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("Bearer", "mmr_not-a-real-token")]
    [InlineData("Bearer", "something-else")]
    [InlineData("Basic", "dXNlcjpwYXNz")]
    public async Task A_wrong_token_is_401(string scheme, string token)
    {
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, token);
        await client.GetAsync("/api/v1/catalogs", Ct).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_of_one_user_does_not_work_once_altered()
    {
        var token = await App.CreateTokenAsync(await App.AddUserAsync(Role.Admin));
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await client.GetAsync("/api/v1/catalogs", Ct).ExpectAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));
        await client.GetAsync("/api/v1/catalogs", Ct).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_role_in_another_facility_does_not_reach_this_facilitys_rounds()
    {
        var admin = await App.AdminApiAsync();
        var mine = await admin.CreateFacilityAsync(name: "自院");
        var theirs = await admin.CreateFacilityAsync(name: "他院");
        var myRound = await admin.CreateAssessmentAsync(mine, "executive");
        var theirRound = await admin.CreateAssessmentAsync(theirs, "executive");
        using var executive = await App.ApiClientAsync(await App.AddUserAsync(Role.Executive, mine));

        await executive.GetAsync($"/api/v1/assessments/{myRound}", Ct).ExpectAsync(HttpStatusCode.OK);
        await executive.PutAnswerAsync(myRound, 1, "yes").ExpectAsync(HttpStatusCode.NoContent);

        await executive.GetAsync($"/api/v1/assessments/{theirRound}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await executive.GetAsync($"/api/v1/assessments/{theirRound}/result", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await executive.GetAsync($"/api/v1/assessments/{theirRound}/export.csv", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await executive.GetAsync($"/api/v1/assessments/{theirRound}/export.xlsx", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await executive.PutAnswerAsync(theirRound, 1, "yes").ExpectProblemAsync(HttpStatusCode.NotFound);
        await executive.CompleteAsync(theirRound).ExpectProblemAsync(HttpStatusCode.NotFound);
        await executive.GetAsync($"/api/v1/facilities/{theirs}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        var visible = await executive.GetJsonAsync("/api/v1/facilities");
        Assert.Equal([mine], visible.EnumerateArray().Select(f => f.GetProperty("id").GetGuid()));
        Assert.Equal("yes", (await admin.GetAssessmentAsync(myRound)).Answer(1).GetProperty("answer").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await admin.GetAssessmentAsync(theirRound)).Answer(1).GetProperty("answer").ValueKind);
    }

    [Fact]
    public async Task Staff_see_the_staff_list_but_not_the_administrators_list()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var staffRound = await admin.CreateAssessmentAsync(facility, "staff");
        var sysadminRound = await admin.CreateAssessmentAsync(facility, "sysadmin");
        using var staff = await App.ApiClientAsync(await App.AddUserAsync(Role.Staff, facility));

        await staff.PutAnswerAsync(staffRound, 1, "yes").ExpectAsync(HttpStatusCode.NoContent);
        await staff.GetAsync($"/api/v1/assessments/{sysadminRound}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await staff.PutAnswerAsync(sysadminRound, 1, "yes").ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteAuthTests(SqliteApp app) : AuthTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAuthTests(PostgresApp app) : AuthTests(app), IClassFixture<PostgresApp>;
