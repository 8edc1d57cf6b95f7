using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mamori.Tests.Fixtures;

/// <summary>The JSON API as an outside program uses it: plain HTTP and JSON, no app types.</summary>
public static class ApiCalls
{
    public const string Date = "2026-11-24";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Guid> CreateFacilityAsync(this HttpClient client, bool onlineQualification = false, string kind = "hospital", string name = "守り総合病院")
    {
        var response = await client.PostAsJsonAsync("/api/v1/facilities", new { name, kind, onlineQualification }, Ct);
        return await CreatedIdAsync(response);
    }

    public static async Task<Guid> CreateAssessmentAsync(this HttpClient client, Guid facilityId, string checklist, string respondent = "記入 太郎", string date = Date)
    {
        var response = await client.PostAsJsonAsync("/api/v1/assessments",
            new { facilityId, catalogId = "mhlw-2021-10", checklist, respondent, date }, Ct);
        return await CreatedIdAsync(response);
    }

    /// <summary>A system and its vendor on a facility's register; the other fields as given in <paramref name="extra"/> (API names).</summary>
    public static async Task<Guid> CreateVendorAsync(this HttpClient client, Guid facilityId, string name = "守りメディカルシステム株式会社", string system = "電子カルテ",
        string email = "support@example.jp", IReadOnlyDictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["system"] = system, ["email"] = email };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }
        var response = await client.PostAsJsonAsync($"/api/v1/facilities/{facilityId}/vendors", body, Ct);
        return await CreatedIdAsync(response);
    }

    /// <summary>A new facility and a round of one of its lists, in one call.</summary>
    public static async Task<Guid> CreateRoundAsync(this HttpClient client, string checklist, bool onlineQualification = false) =>
        await client.CreateAssessmentAsync(await client.CreateFacilityAsync(onlineQualification), checklist);

    /// <summary>PUT an answer; the memo is sent only when given (an absent memo is left as it is, a null one clears it).</summary>
    public static Task<HttpResponseMessage> PutAnswerAsync(this HttpClient client, Guid assessmentId, object number, string? answer, int? ifMatch = null, string? memo = null)
    {
        var body = new Dictionary<string, string?> { ["answer"] = answer };
        if (memo is not null)
        {
            body["memo"] = memo;
        }
        return client.PutJsonAsync($"/api/v1/assessments/{assessmentId}/answers/{number}", body, ifMatch);
    }

    public static async Task PutAnswersAsync(this HttpClient client, Guid assessmentId, IEnumerable<int> numbers, string answer)
    {
        foreach (var n in numbers)
        {
            await client.PutAnswerAsync(assessmentId, n, answer).ExpectAsync(HttpStatusCode.NoContent);
        }
    }

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body, int? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is { } revision)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{revision}\"");
        }
        return await client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static Task<JsonElement> GetAssessmentAsync(this HttpClient client, Guid id) => client.GetJsonAsync($"/api/v1/assessments/{id}");

    /// <summary>One answer of a round as the API returns it: {"number","answer","memo","updatedAt","revision"}.</summary>
    public static JsonElement Answer(this JsonElement assessment, int number) =>
        assessment.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("number").GetInt32() == number);

    /// <summary>Sends the request and asserts its status (with the body in the message when it differs).</summary>
    public static async Task ExpectAsync(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        Assert.True(response.StatusCode == status,
            $"expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>Sends the request and asserts a problem with the status; returns the problem.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        return await response.AssertProblemAsync(status);
    }

    public static Task<HttpResponseMessage> CompleteAsync(this HttpClient client, Guid assessmentId) =>
        client.PostAsync($"/api/v1/assessments/{assessmentId}/complete", null, Ct);

    public static Task<HttpResponseMessage> ReopenAsync(this HttpClient client, Guid assessmentId, object body) =>
        client.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/reopen", body, Ct);

    /// <summary>Asserts an RFC 7807 problem with the status and a Japanese title, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var title = problem.GetProperty("title").GetString();
        Assert.True(IsJapanese(title), $"title is not Japanese: {title}");
        return problem;
    }

    public static bool IsJapanese(string? text) =>
        !string.IsNullOrEmpty(text) && text.Any(c => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF');

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
            Assert.EndsWith(id.ToString(), response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            return id;
        }
    }
}
