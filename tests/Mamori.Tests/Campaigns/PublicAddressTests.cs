using System.Net;
using System.Net.Http.Json;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Campaigns;

/// <summary>
/// Staff links are built from the public address an installation administrator stores (or configuration sets),
/// never from the address or Host header a request came with; until it is set nothing with a link is handed out.
/// </summary>
public abstract class PublicAddressTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Without_an_address_links_are_null_and_nothing_with_a_link_is_handed_out_until_an_administrator_sets_it()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "アドレス未設定病院");
        var (id, _) = await admin.CreateCampaignAsync(facility);

        // A forged Host header changes nothing: there is still no link.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/campaigns/{id}");
        request.Headers.Host = "attacker.example";
        var campaign = await (await admin.SendAsync(request, Ct)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.True(campaign.GetProperty("publicAddressMissing").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, campaign.GetProperty("url").ValueKind);
        Assert.All(campaign.GetProperty("departments").EnumerateArray(), d => Assert.Equal(System.Text.Json.JsonValueKind.Null, d.GetProperty("url").ValueKind));

        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(await App.AddUserAsync(Role.Admin, facility, "未設定 管理者"));
        var sheets = await browser.GetAsync($"/campaigns/{id}/sheets");
        Assert.NotNull(sheets.Document.QuerySelector("[data-public-address-missing]"));
        Assert.Empty(sheets.Document.QuerySelectorAll("section.sheet"));
        Assert.Contains("システム管理者に", sheets.Text("[data-public-address-missing]"), StringComparison.Ordinal);
        var detail = await browser.GetAsync($"/campaigns/{id}");
        Assert.NotNull(detail.Document.QuerySelector("[data-public-address-missing]"));
        Assert.Null(detail.Document.QuerySelector(".qr svg"));

        await browser.SubmitAsync(detail, "#persons form[action*=AddPersons]", new Dictionary<string, string?> { ["Persons"] = "山田 花子, 病棟, 看護師, hanako@example.jp" });
        var persons = await browser.Client.GetAsync($"/campaigns/{id}/persons.csv", Ct);
        Assert.Equal(HttpStatusCode.Conflict, persons.StatusCode);
        Assert.Contains("公開アドレス", await persons.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // One test, not two: the address is the installation's, and a second test would find it set.
        await An_installation_administrator_sets_the_address_and_every_link_follows_it(facility, id, campaign.GetProperty("code").GetString()!);
    }

    private async Task An_installation_administrator_sets_the_address_and_every_link_follows_it(Guid facility, Guid id, string code)
    {
        var admin = await App.AdminApiAsync();

        // A facility's own administrator is sent to ask for it, and may not set it.
        using var facilityAdmin = new Browser(App.CreateClient());
        await facilityAdmin.SignInAsync(await App.AddUserAsync(Role.Admin, facility, "施設 管理者"));
        Assert.Equal(HttpStatusCode.Forbidden, (await facilityAdmin.GetAsync("/admin/public-address")).Status);

        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(await App.AddUserAsync(Role.Admin, name: "全体 管理者"));
        var form = await browser.GetAsync("/admin/public-address");
        Assert.Contains("まだ設定されていません", form.Text("form.stack"), StringComparison.Ordinal);

        var loopback = await browser.SubmitAsync(form, "form.stack", new Dictionary<string, string?> { ["Address"] = "http://127.0.0.1:5000" });
        Assert.Equal(HttpStatusCode.BadRequest, loopback.Status);
        Assert.Contains("このPCの中でしか開けません", loopback.Text(".error"), StringComparison.Ordinal);
        var notHttp = await browser.SubmitAsync(form, "form.stack", new Dictionary<string, string?> { ["Address"] = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, notHttp.Status);

        var saved = await browser.SubmitAsync(form, "form.stack", new Dictionary<string, string?> { ["Address"] = "https://mamori.byoin.local/" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        // The form that read the address before the save is refused, not silently applied over it.
        var stale = await browser.SubmitAsync(form, "form.stack", new Dictionary<string, string?> { ["Address"] = "https://other.byoin.local" });
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);

        var campaign = await admin.GetJsonAsync($"/api/v1/campaigns/{id}");
        Assert.False(campaign.GetProperty("publicAddressMissing").GetBoolean());
        Assert.Equal($"https://mamori.byoin.local/r/{code}", campaign.GetProperty("url").GetString());
        var sheets = await browser.GetAsync($"/campaigns/{id}/sheets");
        Assert.All(sheets.Document.QuerySelectorAll(".sheet-url"), u => Assert.StartsWith("https://mamori.byoin.local/r/", u.TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(sheets.Document.QuerySelectorAll("section.sheet"));
    }
}

/// <summary>The app with no Campaigns:PublicBaseUrl (the other fixtures set one).</summary>
public sealed class SqliteAppWithoutAddress : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Campaigns:PublicBaseUrl"] = "" };

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => SqliteDatabaseAsync();
}

public sealed class PostgresAppWithoutAddress : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Campaigns:PublicBaseUrl"] = "" };

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => PostgresDatabaseAsync(ct);
}

public sealed class SqlitePublicAddressTests(SqliteAppWithoutAddress app) : PublicAddressTests(app), IClassFixture<SqliteAppWithoutAddress>;

public sealed class PostgresPublicAddressTests(PostgresAppWithoutAddress app) : PublicAddressTests(app), IClassFixture<PostgresAppWithoutAddress>;
