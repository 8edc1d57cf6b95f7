using System.Net;
using System.Text;
using Mamori.Tests.Campaigns;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Security;

/// <summary>
/// The public answering page takes posts from anyone: a body that is not the form it claims to be is a 400 page in
/// Japanese, a field over the form limit (4 MB) a 413 saying so.
/// </summary>
public abstract class HostileFormTests(MamoriApp app) : IntegrationTest(app)
{
    private async Task<string> CodeAsync()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "フォーム確認病院");
        var campaign = await CampaignSetup.NewAsync(App, facility);
        return await CampaignSetup.CodeAsync(App, campaign.Id);
    }

    private static async Task<string> ExpectPageAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
            Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            Assert.True(ApiCalls.IsJapanese(body), body);
            return body;
        }
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=----x", "this is not multipart")]
    [InlineData("multipart/form-data", "no boundary at all")]
    [InlineData("multipart/form-data; boundary=----x", "------x\r\nContent-Disposition: form-data; name=\"JobType\"\r\n\r\n看護師")]
    [InlineData("application/x-www-form-urlencoded", "%%%=&&=%ZZ")]
    public async Task A_body_that_is_not_the_form_it_claims_is_a_400_page_in_japanese(string contentType, string body)
    {
        var code = await CodeAsync();
        using var client = App.CreateClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var page = await ExpectPageAsync(await client.PostAsync($"/r/{code}", content, Ct), HttpStatusCode.BadRequest);
        if (contentType.StartsWith("multipart", StringComparison.Ordinal))
        {
            Assert.Contains("形式", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_form_field_over_4_MB_is_a_413_page_saying_so()
    {
        var code = await CodeAsync();
        using var client = App.CreateClient();
        var body = "JobType=" + new string('a', 4 * 1024 * 1024 + 10);
        var page = await ExpectPageAsync(await client.PostAsync($"/r/{code}", new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"), Ct),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4MB", page, StringComparison.Ordinal);
    }
}

public sealed class SqliteHostileFormTests(SqliteApp app) : HostileFormTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresHostileFormTests(PostgresApp app) : HostileFormTests(app), IClassFixture<PostgresApp>;
