using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Security;

/// <summary>
/// The security probe, kept in the suite: every write endpoint of the API and every page form handler, both taken from
/// the app's own endpoint list (a new one is fuzzed without being listed here), is fed the hostile classes that once
/// answered 500 — dates out of range and at the ends of the date type, lone surrogates, bodies that are not what their
/// content type claims, oversized fields, wrong types, empty bodies — as an administrator of the whole installation,
/// with the antiforgery token for pages. Every answer must be below 500.
/// </summary>
/// <remarks>
/// It runs on PostgreSQL too (about 15 s a provider): the database has limits of its own on text and dates that SQLite
/// lacks, and a value that slips past the checks would fail only there.
/// </remarks>
public abstract class HostileInputTests(MamoriApp app) : IntegrationTest(app)
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Form values, already URL-encoded (a surrogate's bytes cannot be written any other way).</summary>
    private static readonly (string Name, string Encoded)[] FormValues =
    [
        ("date before 1900", "1800-01-01"),
        ("first date", "0001-01-01"),
        ("last date", "9999-12-31"),
        ("moment underflowing UTC", Uri.EscapeDataString("0001-01-01T00:00:00+09:00")),
        ("first moment in Japan time", "0001-01-01T05%3A00"),
        ("last moment", "9999-12-31T23%3A59"),
        ("surrogate bytes", "%ED%A0%80"),
        ("wrong type", "abc"),
        ("huge number", "99999999999999999999999"),
        ("negative", "-1"),
        ("long text", new string('長', 5000)),
        ("empty", ""),
    ];

    /// <summary>Per field, one at a time: the classes that broke parsing before.</summary>
    private static readonly string[] PerFieldClasses = ["date before 1900", "last date", "first moment in Japan time", "wrong type"];

    /// <summary>JSON values put into each property of a valid body in turn.</summary>
    private static readonly (string Name, string Json)[] JsonValues =
    [
        ("date before 1900", "\"1800-01-01\""),
        ("first date", "\"0001-01-01\""),
        ("last date", "\"9999-12-31\""),
        ("moment underflowing UTC", "\"0001-01-01T00:00:00+09:00\""),
        ("first moment in Japan time", "\"0001-01-01T05:00\""),
        ("last moment", "\"9999-12-31T23:59:59-09:00\""),
        ("lone surrogate", "\"\\ud800\""),
        ("lone surrogate in a list", "[\"\\udc00\"]"),
        ("wrong type", "\"abc\""),
        ("number", "12345678901234567890"),
        ("boolean", "true"),
        ("null", "null"),
        ("object", "{\"a\":\"\\ud800\"}"),
        ("list", "[]"),
        ("long text", "\"" + new string('長', 20_000) + "\""),
    ];

    /// <summary>Whole bodies: (name, content type, body).</summary>
    private static readonly (string Name, string ContentType, string Body)[] Bodies =
    [
        ("empty JSON", "application/json", ""),
        ("not JSON", "application/json", "not json"),
        ("cut-off JSON", "application/json", "{\"title\":"),
        ("JSON null", "application/json", "null"),
        ("JSON list", "application/json", "[1,2]"),
        ("empty object", "application/json", "{}"),
        ("text claiming JSON", "text/plain", "{}"),
        ("not multipart", "multipart/form-data; boundary=----x", "this is not multipart"),
        ("multipart without boundary", "multipart/form-data", "x"),
        ("bad form encoding", "application/x-www-form-urlencoded", "%%%=&&=%ZZ"),
    ];

    [Fact]
    public async Task Every_write_endpoint_and_page_handler_answers_hostile_input_below_500()
    {
        using var world = await World.CreateAsync(App);
        var failures = new List<string>();
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var loader = App.Services.GetRequiredService<PageLoader>();

        var api = endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(WriteMethods.Contains).Select(m => (Method: m, Endpoint: e)))
            .ToList();
        Assert.True(api.Count >= 9, $"only {api.Count} API write endpoints found");
        foreach (var (method, endpoint) in api)
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var url = world.Url(template);
            var baseBody = world.ValidBody(template);
            foreach (var property in BodyProperties(endpoint))
            {
                foreach (var (name, json) in JsonValues)
                {
                    var body = With(baseBody, property, json);
                    await world.ExpectBelow500Async(failures, $"{method} {template} with {property} = {name}", method, url, () => Json(body), api: true);
                }
            }
            foreach (var (name, type, body) in Bodies)
            {
                await world.ExpectBelow500Async(failures, $"{method} {template} with {name}", method, url, () => Raw(type, body), api: true);
            }
        }

        var handlers = 0;
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page || page.ViewEnginePath == "/Error")
            {
                continue;
            }
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)))
            {
                handlers++;
                var url = world.Url(template) + (handler.Name is { Length: > 0 } n ? $"?handler={n}" : "");
                var fields = FormFields(compiled, handler);
                var label = $"page POST {template}{(handler.Name is { Length: > 0 } h ? "?handler=" + h : "")}";
                foreach (var (name, encoded) in FormValues)
                {
                    await world.ExpectBelow500Async(failures, $"{label} with every field = {name}", "POST", url, t => Form(t, fields.Select(f => (f, encoded))));
                }
                foreach (var field in fields)
                {
                    foreach (var (name, encoded) in FormValues.Where(v => PerFieldClasses.Contains(v.Name)))
                    {
                        await world.ExpectBelow500Async(failures, $"{label} with {field} = {name}", "POST", url, t => Form(t, [(field, encoded)]));
                    }
                }
                await world.ExpectBelow500Async(failures, $"{label} with a field over 4 MB", "POST", url,
                    t => Form(t, [(fields.FirstOrDefault() ?? "x", new string('a', 4 * 1024 * 1024 + 1))]));
                await world.ExpectBelow500Async(failures, $"{label} as multipart with a scripted SVG", "POST", url, t => Multipart(t, fields));
                foreach (var (name, type, body) in Bodies.Where(b => !b.ContentType.StartsWith("application/json", StringComparison.Ordinal)))
                {
                    await world.ExpectBelow500Async(failures, $"{label} with {name}", "POST", url, _ => Raw(type, body));
                }
            }
        }
        Assert.True(handlers > 40, $"only {handlers} page handlers found");
        Assert.True(failures.Count == 0, $"{failures.Count} answers of 500 or more:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>The JSON property names of the endpoint's body record, read from its handler's parameters.</summary>
    private static IEnumerable<string> BodyProperties(RouteEndpoint endpoint)
    {
        var method = endpoint.Metadata.GetMetadata<MethodInfo>();
        var body = method?.GetParameters().Select(p => p.ParameterType).FirstOrDefault(t => t.Name.EndsWith("Request", StringComparison.Ordinal));
        return body is null ? [] : body.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
    }

    /// <summary>What a form of this handler posts: its parameters and the page's bound properties, complex ones by their own properties.</summary>
    private static List<string> FormFields(CompiledPageActionDescriptor page, Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.HandlerMethodDescriptor handler)
    {
        var fields = new List<string>();
        void Add(string name, Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(IFormFile))
            {
                return;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                fields.Add($"{name}[1]");
            }
            else if (type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Mamori", StringComparison.Ordinal) == true)
            {
                fields.AddRange(type.GetProperties().Where(p => p.CanWrite).Select(p => $"{name}.{p.Name}"));
            }
            else
            {
                fields.Add(name);
            }
        }
        foreach (var p in handler.Parameters)
        {
            Add(p.Name, p.ParameterType);
        }
        foreach (var p in page.BoundProperties)
        {
            Add(p.Name, p.ParameterType);
        }
        return fields.Distinct().ToList();
    }

    private static string With(string baseBody, string property, string json)
    {
        var node = JsonNode.Parse(baseBody)!.AsObject();
        node[property] = "__HOSTILE__";
        return node.ToJsonString().Replace("\"__HOSTILE__\"", json, StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new StringContent(body, Encoding.UTF8, "application/json");

    private static ByteArrayContent Raw(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static StringContent Form(string token, IEnumerable<(string Field, string Encoded)> fields)
    {
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(token)}" + string.Concat(fields.Select(f => $"&{Uri.EscapeDataString(f.Field)}={f.Encoded}"));
        return new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
    }

    private static MultipartFormDataContent Multipart(string token, IEnumerable<string> fields)
    {
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var field in fields)
        {
            content.Add(new StringContent("1800-01-01"), field);
        }
        var svg = new ByteArrayContent("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>"u8.ToArray());
        svg.Headers.ContentType = new("application/pdf");
        content.Add(svg, "file", "diagram.pdf");
        return content;
    }

    /// <summary>Real ids for the routes, and an administrator's page session that is renewed if a handler ended it.</summary>
    private sealed class World : IDisposable
    {
        private static readonly string[] SignInPages = ["/login", "/account/two-factor", "/account/password"];

        private MamoriApp _app = null!;
        private HttpClient _api = null!;
        private Browser _browser = null!;
        private string _token = "";
        private Guid _facility;
        private Guid _round;
        private Guid _campaign;
        private string _code = "";
        private Guid _incident;
        private Guid _person;
        private Guid _vendor;

        public static async Task<World> CreateAsync(MamoriApp app)
        {
            var world = new World { _app = app, _api = await app.AdminApiAsync() };
            world._facility = await world._api.CreateFacilityAsync(name: "入力検査病院");
            world._round = await world._api.CreateAssessmentAsync(world._facility, "sysadmin");
            (world._campaign, world._code) = await world._api.CreateCampaignAsync(world._facility);
            world._incident = await world._api.CreateIncidentAsync(world._facility);
            world._person = (await app.AddUserAsync(Role.Staff, world._facility, "職員 花子")).Id;
            world._vendor = await world._api.CreateVendorAsync(world._facility);
            await world.SignInAsync();
            return world;
        }

        public string Url(string template)
        {
            var id = template switch
            {
                _ when template.StartsWith("/facilities/", StringComparison.Ordinal) => _facility,
                _ when template.Contains("/assessments/", StringComparison.Ordinal) => _round,
                _ when template.Contains("/campaigns/", StringComparison.Ordinal) => _campaign,
                _ when template.Contains("/incidents/", StringComparison.Ordinal) => _incident,
                _ when template.StartsWith("/admin/users/", StringComparison.Ordinal) => _person,
                _ when template.StartsWith("/api/v1/vendors/", StringComparison.Ordinal) => _vendor,
                _ => Guid.NewGuid(),
            };
            return template
                .Replace("{facilityId:guid}", _facility.ToString())
                .Replace("{id:guid}", id.ToString())
                .Replace("{code}", _code)
                .Replace("{stepId}", "2-1")
                .Replace("{kind}", "executive")
                .Replace("{number}", "1")
                .Replace("{id?}", "mhlw-2021-10");
        }

        public string ValidBody(string template) => template switch
        {
            "/api/v1/facilities" => """{"name":"新しい病院","kind":"clinic","onlineQualification":false}""",
            "/api/v1/assessments" => $$"""{"facilityId":"{{_facility}}","catalogId":"mhlw-2021-10","checklist":"sysadmin","respondent":"記入 者","date":"2026-11-24"}""",
            "/api/v1/assessments/{id:guid}/answers/{number}" => """{"answer":"yes","memo":"確認済み"}""",
            "/api/v1/assessments/{id:guid}/reopen" => """{"reason":"記入漏れの修正"}""",
            "/api/v1/campaigns" => $$"""{"facilityId":"{{_facility}}","catalogId":"mhlw-2021-10","title":"入力検査","opensAt":"2026-01-01","closesAt":"2026-12-31","anonymous":true}""",
            "/api/v1/incidents" => $$"""{"facilityId":"{{_facility}}","title":"端末の異常","detectedAt":"2026-11-24T09:00","description":"画面が固まる","signs":["slow-terminal"],"exercise":true}""",
            "/api/v1/incidents/{id:guid}/decision" => """{"cyberattackSigns":false,"grounds":"ベンダーの作業が原因"}""",
            "/api/v1/incidents/{id:guid}/steps/{stepId}" => """{"status":"in-progress","note":"ログを確認中"}""",
            "/r/{code}" => """{"department":"外来","jobType":"医師","answers":{"1":"yes"}}""",
            "/api/v1/facilities/{id:guid}/vendors" or "/api/v1/vendors/{id:guid}" =>
                """{"name":"入力検査システム","system":"電子カルテ","email":"support@example.jp","systemKind":"ehr","contractFrom":"2026-04-01","contractUntil":"2027-03-31","remote":true,"remoteMethod":"VPN装置","memo":"メモ"}""",
            _ => "{}",
        };

        public async Task ExpectBelow500Async(List<string> failures, string what, string method, string url, Func<HttpContent> content, bool api) =>
            await ExpectBelow500Async(failures, what, method, url, _ => content(), api);

        public async Task ExpectBelow500Async(List<string> failures, string what, string method, string url, Func<string, HttpContent> content, bool api = false)
        {
            var (status, body) = await SendAsync(method, url, content, api);
            if (!api && status == HttpStatusCode.Redirect && body is { } location && SessionLost(location, url))
            {
                // A handler before this one ended the session (sign-out, sign out everywhere): carry on as a new administrator.
                await SignInAsync();
                (status, body) = await SendAsync(method, url, content, api);
            }
            if ((int)status >= 500)
            {
                failures.Add($"{what}: {(int)status} {body?[..Math.Min(body.Length, 200)]}");
            }
        }

        private async Task<(HttpStatusCode, string?)> SendAsync(string method, string url, Func<string, HttpContent> content, bool api)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content(_token) };
            using var response = await (api ? _api : _browser.Client).SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode == HttpStatusCode.Redirect
                ? (response.StatusCode, response.Headers.Location?.OriginalString)
                : (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        /// <summary>Sent to sign in again, or to an obligation (two-factor, a new password) that holds every other page.</summary>
        private static bool SessionLost(string location, string url) =>
            SignInPages.Any(p =>
                location.StartsWith(p, StringComparison.Ordinal) && !url.StartsWith(p, StringComparison.Ordinal));

        public void Dispose() => _browser.Dispose();

        private async Task SignInAsync()
        {
            _browser?.Dispose();
            _browser = new Browser(_app.CreateClient());
            await _browser.SignInAsync(await _app.AddUserAsync(Role.Admin, name: "入力 検査"));
            var page = await _browser.GetAsync("/account");
            _token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                ?? throw new InvalidOperationException("no antiforgery token on /account");
        }
    }
}

public sealed class SqliteHostileInputTests(SqliteApp app) : HostileInputTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresHostileInputTests(PostgresApp app) : HostileInputTests(app), IClassFixture<PostgresApp>;
