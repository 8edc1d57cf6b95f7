using System.Net;
using System.Text;
using Mamori.Accounts;
using Mamori.Tests.Campaigns;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Security;

/// <summary>
/// A lone UTF-16 surrogate cannot be stored or shown: JSON can carry one ("\ud800"), and it is refused with a 400 and a
/// message wherever free text enters. A form cannot carry one (its bytes are decoded as UTF-8, so it arrives replaced).
/// </summary>
public abstract class HostileTextTests(MamoriApp app) : IntegrationTest(app)
{
    private const string Lone = "\"メモ\\ud800です\"";

    [Theory]
    [InlineData("memo")]
    [InlineData("answer")]
    public async Task A_lone_surrogate_in_an_answer_is_a_400_with_a_message(string field)
    {
        var api = await App.AdminApiAsync();
        var round = await api.CreateRoundAsync("sysadmin");
        var body = field == "memo" ? $$"""{"answer":"yes","memo":{{Lone}}}""" : """{"answer":"y\udc00es"}""";
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/assessments/{round}/answers/1") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var problem = await api.SendAsync(request, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(ApiCalls.IsJapanese(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_incident_title_or_note_is_a_400()
    {
        var api = await App.AdminApiAsync();
        var facility = await api.CreateFacilityAsync();
        await api.PostRawJsonAsync("/api/v1/incidents", $$"""{"facilityId":"{{facility}}","title":{{Lone}},"detectedAt":"2026-11-24T08:30"}""")
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        var id = await api.CreateIncidentAsync(facility);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{id}/steps/1-1") { Content = new StringContent($$"""{"note":{{Lone}}}""", Encoding.UTF8, "application/json") };
        await api.SendAsync(request, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_facility_name_or_a_department_is_a_400()
    {
        var api = await App.AdminApiAsync();
        await api.PostRawJsonAsync("/api/v1/facilities", $$"""{"name":{{Lone}},"kind":"hospital"}""").ExpectProblemAsync(HttpStatusCode.BadRequest);
        var facility = await api.CreateFacilityAsync();
        var campaign = await CampaignSetup.NewAsync(App, facility);
        var code = await CampaignSetup.CodeAsync(App, campaign.Id);
        using var client = App.CreateClient();
        await client.PostRawJsonAsync($"/r/{code}", $$$"""{"department":{{{Lone}}},"jobType":"看護師","answers":{"1":"yes"}}""").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await client.PostRawJsonAsync($"/r/{code}", """{"jobType":"看護師","answers":{"1":"y\ud800"}}""").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await client.PostRawJsonAsync($"/r/{code}", """{"jobType":"看護師","answers":{"\ud800":"yes"}}""").ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_form_value_with_the_bytes_of_a_surrogate_is_stored_replaced_or_refused_never_a_500()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync();
        using var admin = new Browser(App.CreateClient());
        await admin.SignInAsync(await App.AddUserAsync(Role.Admin, facility, "安全 管理者"));
        var page = await admin.GetAsync($"/facilities/{facility}/preparedness");
        var token = page.Document.QuerySelector("form[action*='handler=Action'] input[name=__RequestVerificationToken]")!.GetAttribute("value");
        // ED A0 80 is how a lone U+D800 would be written in (invalid) UTF-8.
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(token!)}&title=%ED%A0%80%E6%89%8B%E9%A0%86&owner=%ED%A0%80";
        using var response = await admin.Client.PostAsync($"/facilities/{facility}/preparedness?handler=Action",
            new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"), Ct);
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }
}

public sealed class SqliteHostileTextTests(SqliteApp app) : HostileTextTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresHostileTextTests(PostgresApp app) : HostileTextTests(app), IClassFixture<PostgresApp>;
