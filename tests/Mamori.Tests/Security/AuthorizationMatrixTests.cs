using System.Net;
using System.Net.Http.Json;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Security;

/// <summary>
/// Every endpoint the app maps × every kind of caller, against an expected rule. The endpoint list comes from
/// the app itself: a new endpoint without a row in <see cref="Rules"/> fails this test until someone decides
/// who may use it.
/// </summary>
public abstract class AuthorizationMatrixTests(MamoriApp app) : IntegrationTest(app)
{
    private const string Anonymous = "anonymous";

    /// <summary>The callers: installation admin, facility A's admin / executive / staff / vendor, facility B's admin, nobody.</summary>
    private static readonly string[] Callers = ["installation-admin", "admin", "executive", "staff", "vendor", "other-facility-admin", Anonymous];

    /// <summary>Who is allowed, per endpoint ("*" = every signed-in caller; "public" = also without signing in; "none" = nobody).</summary>
    private static readonly Dictionary<string, string> Rules = new()
    {
        ["GET /healthz"] = "public",
        ["GET /openapi/{documentName}.json"] = "public",
        ["GET /login"] = "public",
        // Without the console's one-time code nobody gets the setup form (a valid code is tested in SetupPageTests).
        ["GET /setup"] = "none",
        ["GET /culture"] = "public",
        ["GET /logout"] = "*",
        ["GET /"] = "*",
        ["GET /account"] = "*",
        ["GET /account/tokens"] = "*",
        ["GET /account/two-factor"] = "*",
        ["GET /account/password"] = "*",
        // Shows the code form only between a right password and the code; otherwise a link back to sign-in.
        ["GET /login/two-factor"] = "public",
        ["GET /catalog/{id?}"] = "*",
        ["GET /facilities/new"] = "installation-admin",
        ["GET /facilities/{id:guid}"] = "installation-admin admin executive staff",
        ["GET /facilities/{id:guid}/edit"] = "installation-admin admin",
        ["GET /facilities/{facilityId:guid}/assessments/new"] = "installation-admin admin executive staff",
        ["GET /assessments/{id:guid}"] = "installation-admin admin executive",
        ["GET /assessments/{id:guid}/result"] = "installation-admin admin executive",
        ["GET /assessments/{id:guid}/print"] = "installation-admin admin executive",
        ["GET /assessments/{id:guid}/history"] = "installation-admin admin executive",
        ["GET /assessments/compare"] = "installation-admin admin executive",
        ["GET /assessments/{id:guid}/export.xlsx"] = "installation-admin admin executive",
        ["GET /assessments/{id:guid}/export.csv"] = "installation-admin admin executive",
        ["GET /admin/access-log"] = "installation-admin",
        // A facility's admin manages the people of their facility only (Accounts/UserAdministrationTests).
        ["GET /admin/users"] = "installation-admin admin other-facility-admin",
        ["GET /admin/users/new"] = "installation-admin admin other-facility-admin",
        ["GET /admin/users/{id:guid}"] = "installation-admin admin",
        ["GET /admin/security"] = "installation-admin admin other-facility-admin",
        // One address for the whole installation, so only its administrators set it (Campaigns/PublicAddressTests).
        ["GET /admin/public-address"] = "installation-admin",
        // Any admin or executive; each sees only the uses of emergency accounts of their own facilities.
        ["GET /emergency"] = "installation-admin admin executive other-facility-admin",
        // Creating one: installation administrators only, as EmergencyAccounts (and the CLI's --emergency) decide.
        ["GET /emergency/new"] = "installation-admin",
        ["GET /api/v1/catalogs"] = "*",
        ["GET /api/v1/catalogs/{id}"] = "*",
        // Editions are the installation's: only its administrators load or correct one (Catalog/CatalogImportTests).
        ["POST /api/v1/catalogs"] = "installation-admin",
        ["POST /api/v1/catalogs/{id}/revisions"] = "installation-admin",
        ["GET /api/v1/facilities"] = "*",
        ["POST /api/v1/facilities"] = "installation-admin",
        ["GET /api/v1/facilities/{id:guid}"] = "installation-admin admin executive staff",
        ["GET /api/v1/facilities/{id:guid}/assessments"] = "installation-admin admin executive staff",
        ["POST /api/v1/assessments"] = "installation-admin admin",
        ["GET /api/v1/assessments/{id:guid}"] = "installation-admin admin executive",
        ["GET /api/v1/assessments/{id:guid}/result"] = "installation-admin admin executive",
        ["PUT /api/v1/assessments/{id:guid}/answers/{number}"] = "installation-admin admin",
        ["POST /api/v1/assessments/{id:guid}/complete"] = "installation-admin admin",
        ["POST /api/v1/assessments/{id:guid}/reopen"] = "installation-admin admin",
        ["GET /api/v1/assessments/{id:guid}/export.xlsx"] = "installation-admin admin executive",
        ["GET /api/v1/assessments/{id:guid}/export.csv"] = "installation-admin admin executive",
        // Staff campaigns: the answering link is public (the code is the key); admins run a campaign, executives read it.
        ["GET /r/{code}"] = "public",
        // The same address as JSON (Api/ResponsesApi.cs); the form post goes through the page and its GET above.
        ["POST /r/{code}"] = "public",
        ["POST /api/v1/campaigns"] = "installation-admin admin",
        ["GET /api/v1/campaigns/{id:guid}"] = "installation-admin admin executive",
        ["GET /api/v1/campaigns/{id:guid}/result"] = "installation-admin admin executive",
        ["GET /campaigns"] = "*",
        // Staff see the page (empty unless they manage a department); the setup is the admin's.
        ["GET /facilities/{facilityId:guid}/campaigns"] = "installation-admin admin executive staff",
        ["GET /facilities/{facilityId:guid}/campaigns/setup"] = "installation-admin admin",
        ["GET /campaigns/{id:guid}"] = "installation-admin admin executive",
        ["GET /campaigns/{id:guid}/sheets"] = "installation-admin admin executive",
        ["GET /campaigns/{id:guid}/results"] = "installation-admin admin executive",
        ["GET /campaigns/{id:guid}/responses.csv"] = "installation-admin admin executive",
        ["GET /campaigns/{id:guid}/responses.xlsx"] = "installation-admin admin executive",
        ["GET /campaigns/{id:guid}/summary.csv"] = "installation-admin admin executive",
        ["GET /campaigns/{id:guid}/summary.xlsx"] = "installation-admin admin executive",
        // Person links are answering keys of named people: the admin's alone.
        ["GET /campaigns/{id:guid}/persons.csv"] = "installation-admin admin",
        // Incidents: everyone of the facility may report one and follow it; the 2-1 decision and the safety
        // manager's steps are the admin's; reports go to the admin and the executives.
        ["POST /api/v1/incidents"] = "installation-admin admin executive staff",
        ["GET /api/v1/incidents"] = "*",
        ["GET /api/v1/incidents/{id:guid}"] = "installation-admin admin executive staff",
        ["POST /api/v1/incidents/{id:guid}/decision"] = "installation-admin admin",
        ["PUT /api/v1/incidents/{id:guid}/steps/{stepId}"] = "installation-admin admin",
        // Reports to authorities are the executives' and the safety manager's (2-13, 2-18, 4-3).
        ["POST /api/v1/incidents/{id:guid}/filings"] = "installation-admin admin executive",
        ["GET /api/v1/incidents/{id:guid}/reports/{kind}.docx"] = "installation-admin admin executive",
        ["GET /api/v1/incidents/{id:guid}/reports/{kind}.pdf"] = "installation-admin admin executive",
        // Pages: lists and the report form show each caller only their own facilities' incidents.
        ["GET /incidents"] = "*",
        ["GET /incidents/new"] = "*",
        ["GET /incidents/{id:guid}"] = "installation-admin admin executive staff",
        ["GET /incidents/{id:guid}/reports/{kind}"] = "installation-admin admin executive",
        ["GET /incidents/{id:guid}/reports/{kind}.docx"] = "installation-admin admin executive",
        ["GET /incidents/{id:guid}/reports/{kind}.pdf"] = "installation-admin admin executive",
        ["GET /facilities/{facilityId:guid}/contacts"] = "installation-admin admin executive staff",
        ["GET /facilities/{facilityId:guid}/preparedness"] = "installation-admin admin executive staff",
        ["GET /facilities/{facilityId:guid}/binder.pdf"] = "installation-admin admin executive staff",
        // The register of systems and vendors: everyone of the facility reads it (not the vendors themselves); its admin keeps it.
        ["GET /facilities/{facilityId:guid}/vendors"] = "installation-admin admin executive staff",
        ["GET /api/v1/facilities/{id:guid}/vendors"] = "installation-admin admin executive staff",
        ["POST /api/v1/facilities/{id:guid}/vendors"] = "installation-admin admin",
        ["GET /api/v1/vendors/{id:guid}"] = "installation-admin admin executive staff",
        ["PUT /api/v1/vendors/{id:guid}"] = "installation-admin admin",
        // Each caller deletes a vendor of its own (World.FreshVendorAsync), so an allowed delete is not a 404 of the one before.
        ["DELETE /api/v1/vendors/{id:guid}"] = "installation-admin admin",
        // Evidence: the safety manager and executives; the world's file is a piece of evidence of its incident.
        ["GET /files/{id:guid}"] = "installation-admin admin executive",
    };

    private static bool Allowed(string rule, string caller) =>
        rule == "public" || (rule == "*" && caller != Anonymous) || rule.Split(' ').Contains(caller);

    /// <summary>GET for pages (their posts go through the same services and access rules), the declared methods for the rest.</summary>
    private List<string> MappedEndpoints() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Where(k => !k.EndsWith("/Error", StringComparison.Ordinal))
            .Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_mapped_endpoint_has_a_rule()
    {
        var missing = MappedEndpoints().Where(e => !Rules.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an authorization rule in AuthorizationMatrixTests.Rules:\n" + string.Join("\n", missing));
        var stale = Rules.Keys.Except(MappedEndpoints()).ToList();
        Assert.True(stale.Count == 0, "Rules for endpoints the app no longer maps:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Every_endpoint_allows_and_refuses_exactly_its_rule()
    {
        var world = await World.CreateAsync(App);
        var failures = new List<string>();
        foreach (var endpoint in MappedEndpoints().Where(Rules.ContainsKey))
        {
            foreach (var caller in Callers)
            {
                var status = await world.CallAsync(endpoint, caller);
                var allowed = Allowed(Rules[endpoint], caller);
                var ok = allowed ? (int)status is >= 200 and < 400 && !IsSignInRedirect(world.LastLocation)
                    : status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest
                      || (caller == Anonymous && status == HttpStatusCode.Redirect && IsSignInRedirect(world.LastLocation));
                if (!ok)
                {
                    failures.Add($"{endpoint} as {caller}: {(int)status} {world.LastLocation} (expected {(allowed ? "allowed" : "refused")})");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool IsSignInRedirect(Uri? location) =>
        location is not null && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith("/login", StringComparison.Ordinal);

    /// <summary>Two facilities, their people, a round of the system administrator's list, and a client per caller.</summary>
    private sealed class World
    {
        private readonly Dictionary<string, HttpClient> _api = [];
        private readonly Dictionary<string, Browser> _pages = [];
        private HttpClient _root = null!;
        private Guid _facility;
        private Guid _round;
        private Guid _otherRound;
        private Guid _person;
        private Guid _campaign;
        private string _code = "";
        private Guid _incident;
        private Guid _evidence;
        private Guid _vendor;
        private string _edition = "";
        private static readonly string[] SlowTerminal = ["slow-terminal"];

        public Uri? LastLocation { get; private set; }

        public static async Task<World> CreateAsync(MamoriApp app)
        {
            var world = new World { _root = await app.AdminApiAsync() };
            world._facility = await world._root.CreateFacilityAsync(onlineQualification: true, name: "権限確認病院");
            var other = await world._root.CreateFacilityAsync(name: "別の病院");
            world._round = await world._root.CreateAssessmentAsync(world._facility, "sysadmin");
            world._otherRound = await world._root.CreateAssessmentAsync(world._facility, "sysadmin", date: "2025-11-24");
            (world._campaign, world._code) = await world._root.CreateCampaignAsync(world._facility);
            world._incident = await world._root.CreateIncidentAsync(world._facility);
            world._vendor = await world.FreshVendorAsync();
            world._edition = await world._root.ImportAsync(Fixtures.TestEditions.Yearly(Fixtures.TestEditions.NewId()));
            using (var scope = app.Services.CreateScope())
            {
                var file = await scope.ServiceProvider.GetRequiredService<Mamori.Incidents.FileService>().AddEvidenceAsync(Actor.System, world._incident,
                    new Mamori.Incidents.Upload("access.log", "GET /admin 200"u8.ToArray(), CollectedFrom: "VPN機器"), TestContext.Current.CancellationToken);
                world._evidence = file.Id;
            }
            var users = new Dictionary<string, TestUser>
            {
                ["installation-admin"] = await app.AddUserAsync(Role.Admin, name: "全体 管理者"),
                ["admin"] = await app.AddUserAsync(Role.Admin, world._facility, "施設 管理者"),
                ["executive"] = await app.AddUserAsync(Role.Executive, world._facility, "経営 太郎"),
                ["staff"] = await app.AddUserAsync(Role.Staff, world._facility, "職員 花子"),
                ["vendor"] = await app.AddUserAsync(Role.Vendor, world._facility, "保守 業者"),
                ["other-facility-admin"] = await app.AddUserAsync(Role.Admin, other, "他院 管理者"),
            };
            world._person = users["staff"].Id;
            foreach (var (caller, user) in users)
            {
                world._api[caller] = await app.ApiClientAsync(user);
                var browser = new Browser(app.CreateClient());
                await browser.SignInAsync(user);
                world._pages[caller] = browser;
            }
            world._api[Anonymous] = app.CreateClient();
            world._pages[Anonymous] = new Browser(app.CreateClient());
            return world;
        }

        public async Task<HttpStatusCode> CallAsync(string endpoint, string caller)
        {
            var method = endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)];
            var template = endpoint[(method.Length + 1)..];
            var isApi = template.StartsWith("/api/", StringComparison.Ordinal);
            var round = template.EndsWith("/complete", StringComparison.Ordinal) || template.EndsWith("/reopen", StringComparison.Ordinal)
                ? await FreshRoundAsync(completed: template.EndsWith("/reopen", StringComparison.Ordinal))
                : _round;
            if (template.Contains("/incidents/", StringComparison.Ordinal))
            {
                round = _incident;
            }
            if (template.StartsWith("/files/", StringComparison.Ordinal))
            {
                round = _evidence;
            }
            if (template.StartsWith("/api/v1/vendors/", StringComparison.Ordinal))
            {
                round = method == "DELETE" ? await FreshVendorAsync() : _vendor;
            }
            var url = template
                .Replace("{stepId}", "2-1")
                .Replace("{kind}", "executive")
                .Replace("{documentName}", "v1")
                .Replace("/catalog/{id?}", "/catalog")
                .Replace("/catalogs/{id}/revisions", $"/catalogs/{_edition}/revisions")
                .Replace("/catalogs/{id}", "/catalogs/mhlw-2021-10")
                .Replace("/facilities/{id:guid}", $"/facilities/{_facility}")
                .Replace("/admin/users/{id:guid}", $"/admin/users/{_person}")
                .Replace("{facilityId:guid}", _facility.ToString())
                .Replace("/campaigns/{id:guid}", $"/campaigns/{_campaign}")
                .Replace("{code}", _code)
                .Replace("{id:guid}", round.ToString())
                .Replace("{number}", "1");
            if (template.Contains("/reports/{kind}.", StringComparison.Ordinal))
            {
                // A drafted report still has blanks; exporting it anyway is the caller's confirmed choice (409 otherwise).
                url += "?unfinished=ok";
            }
            if (template == "/assessments/compare")
            {
                url += $"?before={_otherRound}&after={_round}";
            }
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "GET" ? null : Body(template) };
            var client = isApi ? _api[caller] : _pages[caller].Client;
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            LastLocation = response.Headers.Location;
            return response.StatusCode;
        }

        private JsonContent? Body(string template) => template switch
        {
            "/api/v1/facilities" => JsonContent.Create(new { name = "新しい病院", kind = "clinic", onlineQualification = false }),
            "/api/v1/catalogs" => JsonContent.Create(Fixtures.TestEditions.Yearly(Fixtures.TestEditions.NewId())),
            // The same text again: repeatable, each allowed call is the next revision.
            "/api/v1/catalogs/{id}/revisions" => JsonContent.Create(new { note = "権限確認", document = Fixtures.TestEditions.Yearly(_edition) }),
            "/api/v1/assessments" => JsonContent.Create(new { facilityId = _facility, catalogId = "mhlw-2021-10", checklist = "sysadmin", respondent = "記入 者", date = "2026-11-24" }),
            "/api/v1/assessments/{id:guid}/answers/{number}" => JsonContent.Create(new { answer = "yes" }),
            "/api/v1/assessments/{id:guid}/reopen" => JsonContent.Create(new { reason = "記入漏れの修正" }),
            "/api/v1/campaigns" => JsonContent.Create(new { facilityId = _facility, catalogId = "mhlw-2021-10", title = "権限確認", opensAt = "2026-01-01", closesAt = "2026-12-31", anonymous = true }),
            "/api/v1/incidents" => JsonContent.Create(new { facilityId = _facility, title = "端末の異常", detectedAt = "2026-11-24T09:00", description = "画面が固まる", signs = SlowTerminal, exercise = true }),
            "/api/v1/incidents/{id:guid}/decision" => JsonContent.Create(new { cyberattackSigns = false, grounds = "ベンダーの作業が原因" }),
            "/api/v1/facilities/{id:guid}/vendors" or "/api/v1/vendors/{id:guid}" => JsonContent.Create(new { name = "権限確認システム株式会社", system = "電子カルテ", email = "support@example.jp" }),
            // A note alone: every allowed caller can repeat it, whatever the step's status already is.
            "/api/v1/incidents/{id:guid}/steps/{stepId}" => JsonContent.Create(new { note = "ログを確認中" }),
            // Repeatable: a second report to the same authority is recorded beside the first.
            "/api/v1/incidents/{id:guid}/filings" => JsonContent.Create(new { kind = "ppc-preliminary", method = "web-form", recipient = "個人情報保護委員会", reference = "R-1" }),
            // The campaign's own link takes any number of sheets, one per caller here.
            "/r/{code}" => JsonContent.Create(new { department = "外来", jobType = "医師", answers = Campaigns.CampaignSetup.Answers("○○○○○○○○○○") }),
            _ => null,
        };

        private async Task<Guid> FreshVendorAsync()
        {
            using var response = await _root.PostAsJsonAsync($"/api/v1/facilities/{_facility}/vendors",
                new { name = "権限確認システム株式会社", system = "電子カルテ", email = "support@example.jp", systemKind = "ehr" }, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<IdResponse>(TestContext.Current.CancellationToken))!.Id;
        }

        private sealed record IdResponse(Guid Id);

        private async Task<Guid> FreshRoundAsync(bool completed)
        {
            var id = await _root.CreateAssessmentAsync(_facility, "sysadmin");
            if (completed)
            {
                await _root.CompleteAsync(id).ExpectAsync(HttpStatusCode.NoContent);
            }
            return id;
        }
    }
}

public sealed class SqliteAuthorizationMatrixTests(SqliteApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAuthorizationMatrixTests(PostgresApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresApp>;
