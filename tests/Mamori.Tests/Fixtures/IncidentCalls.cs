using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mamori.Tests.Fixtures;

/// <summary>The incident API as an outside program uses it.</summary>
public static class IncidentCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Guid> CreateIncidentAsync(this HttpClient client, Guid facilityId, string title = "電子カルテ端末で脅迫文", bool exercise = false,
        string detectedAt = "2026-11-24T08:30", string[]? signs = null, string description = "3階病棟の端末に身代金を要求する画面が表示された")
    {
        using var response = await client.PostAsJsonAsync("/api/v1/incidents",
            new { facilityId, title, detectedAt, description, signs = signs ?? ["ransom-note", "encrypted-files"], exercise }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient client, Guid id, bool signs, string grounds = "ファイルが暗号化され脅迫文が表示された") =>
        client.PostAsJsonAsync($"/api/v1/incidents/{id}/decision", new { cyberattackSigns = signs, grounds }, Ct);

    public static Task<HttpResponseMessage> PutStepAsync(this HttpClient client, Guid id, string step, string? status, string? note = null) =>
        client.PutJsonAsync($"/api/v1/incidents/{id}/steps/{step}", new { status, note });

    public static Task<HttpResponseMessage> FileAsync(this HttpClient client, Guid id, string kind, string method = "phone", string? recipient = "医政局 担当者",
        string? reference = null, string? at = null) =>
        client.PostAsJsonAsync($"/api/v1/incidents/{id}/filings", new { kind, method, recipient, reference, at }, Ct);

    public static JsonElement Deadline(this JsonElement incident, string kind) =>
        incident.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == kind);

    public static Task<JsonElement> GetIncidentAsync(this HttpClient client, Guid id) => client.GetJsonAsync($"/api/v1/incidents/{id}");

    public static JsonElement Step(this JsonElement incident, string id) =>
        incident.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

    public static string StatusOf(this JsonElement incident, string step) => incident.Step(step).GetProperty("status").GetString()!;
}
