using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mamori.Tests.Fixtures;

/// <summary>The campaign API as an outside program calls it.</summary>
public static class CampaignApiCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>POST /api/v1/campaigns, open from yesterday for two weeks (JST dates); returns the id and the campaign's own link code.</summary>
    public static async Task<(Guid Id, string Code)> CreateCampaignAsync(this HttpClient client, Guid facilityId, bool anonymous = true, string title = "職員セキュリティ点検")
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var response = await client.PostAsJsonAsync("/api/v1/campaigns", new
        {
            facilityId,
            catalogId = "mhlw-2021-10",
            title,
            opensAt = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            closesAt = today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            anonymous,
        }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("id").GetGuid(), json.GetProperty("code").GetString()!);
    }
}
