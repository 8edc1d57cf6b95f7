using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Mamori.Assessments;
using Mamori.Bench;

// bench/run.sh builds Release and calls this with the paths; see docs/benchmarks.md for what is measured and why.
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.WorkDirectory);
var dbPath = Path.Combine(options.WorkDirectory, "mamori-bench.db");
foreach (var stale in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
{
    File.Delete(stale);
}
var connectionString = $"Data Source={dbPath};Foreign Keys=True;Default Timeout=30";
var serverLog = Path.Combine(options.WorkDirectory, "server.log");

Console.WriteLine($"== seeding {dbPath}");
var seed = await Seeder.SeedAsync(connectionString);
var writable = seed.Rounds.Where(r => r.InProgress).ToList();
Console.WriteLine($"   {seed.Facilities} facilities, {seed.Users} users, {seed.Incidents.Count:N0} incidents, {seed.Rounds.Count} rounds ({Breakdown(seed.Rounds)}), " +
    $"{seed.Answers:N0} answers, {seed.Changes:N0} history rows, {writable.Count} rounds in progress; {seed.Elapsed.TotalSeconds:0.0} s");
var campaign = await CampaignSeeder.SeedAsync(connectionString);
Console.WriteLine($"   campaign {campaign.Id}: {campaign.Responses:N0} responses over {campaign.DepartmentCodes.Length} departments; {campaign.Elapsed.TotalSeconds:0.0} s");
if (writable.Count < options.Concurrency)
{
    throw new InvalidOperationException("fewer rounds in progress than clients: answer saves would collide");
}

// The bench's own HTTP stack is JIT-compiled before the clock starts, so cold start is the server's, not ours.
using (var probe = LoadRunner.CreateClient(new Uri("http://127.0.0.1:9"), 1))
{
    try
    {
        await probe.GetAsync("/");
    }
    catch (HttpRequestException)
    {
    }
}

var results = new List<ScenarioResult>();
var coldHealth = new List<double>();
var coldPage = new List<double>();
var coldApi = new List<double>();
ServerMemory memory;
WrkResult? wrk = null;
string cookie;
var sample = seed.Rounds.First(r => r.Checklist == "sysadmin");

await using (var server = ServerProcess.Start(options.Dll, options.WorkDirectory, connectionString, serverLog))
{
    using var client = LoadRunner.CreateClient(server.Address, options.Concurrency);
    var health = await server.WaitForAsync(client, () => new HttpRequestMessage(HttpMethod.Get, "/healthz"), TimeSpan.FromSeconds(30));
    var firstApi = await server.WaitForAsync(client, () => Bearer(HttpMethod.Get, $"/api/v1/assessments/{sample.Id}", seed.Token), TimeSpan.FromSeconds(30));
    coldHealth.Add(health.TotalMilliseconds);
    coldApi.Add(firstApi.TotalMilliseconds);
    Console.WriteLine($"== server pid {server.Id} on {server.Address}: /healthz after {health.TotalMilliseconds:0} ms, first API response after {firstApi.TotalMilliseconds:0} ms");

    cookie = await SignInAsync(server.Address, seed.AdminEmail, seed.AdminPassword, seed.AdminAuthenticatorKey);
    var rssIdle = server.Memory().Rss;
    Console.WriteLine($"   signed in through /login (cookie {cookie.Length} chars); resident before load {rssIdle:0} MB");

    var browsers = new Browsers(server.Address, cookie, options.Concurrency);
    var runner = new LoadRunner(client, server.Id, options.Concurrency, options.WarmUp, options.Duration);
    var rng = Enumerable.Range(0, options.Concurrency).Select(w => new Random(1000 + w)).ToArray();
    SeededRound AnyRound(int worker) => seed.Rounds[rng[worker].Next(seed.Rounds.Count)];
    var mine = Enumerable.Range(0, options.Concurrency).Select(w => writable.Where((_, i) => i % options.Concurrency == w).ToArray()).ToArray();

    Scenario[] scenarios =
    [
        new("Health (the floor)", "GET /healthz", "floor", (_, _) => new HttpRequestMessage(HttpMethod.Get, "/healthz")),
        new("Checklist page (HTML form, cookie sign-in)", "GET /assessments/{id}", "page", (w, _) => browsers.Get(w, $"/assessments/{AnyRound(w).Id}"), browsers.Keep),
        new("Round with answers (API)", "GET /api/v1/assessments/{id}", "api", (w, _) => Bearer(HttpMethod.Get, $"/api/v1/assessments/{AnyRound(w).Id}", seed.Token)),
        new("Answer save (API)", "PUT /api/v1/assessments/{id}/answers/{n}", "write", (w, call) =>
        {
            // Each client owns its rounds, and flips the item it writes, so every save is a real change and none collide.
            var rounds = mine[w];
            var round = rounds[call % rounds.Length];
            var index = (int)(call / rounds.Length % round.Items.Length);
            var next = round.Values[index] == AnswerValue.Yes ? AnswerValue.No : AnswerValue.Yes;
            round.Values[index] = next;
            var request = Bearer(HttpMethod.Put, $"/api/v1/assessments/{round.Id}/answers/{round.Items[index]}", seed.Token);
            request.Content = new StringContent(next == AnswerValue.Yes ? """{"answer":"yes"}""" : """{"answer":"no"}""", Encoding.UTF8, "application/json");
            return request;
        }),
        new("Result (API)", "GET /api/v1/assessments/{id}/result", "api", (w, _) => Bearer(HttpMethod.Get, $"/api/v1/assessments/{AnyRound(w).Id}/result", seed.Token)),
        new("Export .xlsx (API)", "GET /api/v1/assessments/{id}/export.xlsx", "api", (w, _) => Bearer(HttpMethod.Get, $"/api/v1/assessments/{AnyRound(w).Id}/export.xlsx", seed.Token)),
        // Issue 4: the results page of a campaign with 5,000 responses, and public submissions (each one a commit).
        new("Campaign results page (5,000 responses)", "GET /campaigns/{id}/results", "page", (w, _) => browsers.Get(w, $"/campaigns/{campaign.Id}/results"), browsers.Keep),
        new("Campaign result (API, 5,000 responses)", "GET /api/v1/campaigns/{id}/result", "api", (_, _) => Bearer(HttpMethod.Get, $"/api/v1/campaigns/{campaign.Id}/result", seed.Token)),
        new("Campaign response (public JSON)", "POST /r/{code}", "submit", (w, call) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/r/{campaign.DepartmentCodes[(int)((w + call) % campaign.DepartmentCodes.Length)]}");
            var marks = string.Join(",", Enumerable.Range(1, 10).Select(n => $"\"{n}\":\"{((call + n) % 4 == 0 ? "no" : "yes")}\""));
            request.Content = new StringContent($"{{\"jobType\":\"看護師\",\"answers\":{{{marks}}}}}", Encoding.UTF8, "application/json");
            return request;
        }),
        // Issue 5: with 10,000 incidents stored, the list and an incident page (target: p99 under 20 ms).
        new("Incident list (page, 10,000 stored)", "GET /incidents", "page", (w, _) => browsers.Get(w, "/incidents"), browsers.Keep),
        new("Incident page (cookie sign-in)", "GET /incidents/{id}", "page", (w, _) => browsers.Get(w, $"/incidents/{seed.Incidents[rng[w].Next(seed.Incidents.Count)]}"), browsers.Keep),
        new("Incident (API)", "GET /api/v1/incidents/{id}", "api", (w, _) => Bearer(HttpMethod.Get, $"/api/v1/incidents/{seed.Incidents[rng[w].Next(seed.Incidents.Count)]}", seed.Token)),
    ];
    // --only page,save,… runs the scenarios whose name or request contains one of the words (for quick A/B runs).
    var selected = scenarios.Where(s => options.Only.Count == 0 || options.Only.Any(o =>
        s.Name.Contains(o, StringComparison.OrdinalIgnoreCase) || s.Path.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
    var warming = Stopwatch.StartNew();
    for (var round = 0; round < 2; round++)
    {
        foreach (var scenario in selected)
        {
            await runner.WarmUpAsync(scenario, options.WarmUpAll / 2);
        }
    }
    Console.WriteLine($"   warmed up every scenario ({warming.Elapsed.TotalSeconds:0} s; the JIT's tiering needs about 20 s of load on 2 cores)");
    foreach (var scenario in selected)
    {
        var result = await runner.RunAsync(scenario);
        results.Add(result);
        Console.WriteLine($"   {result.Name,-44} {result.PerSecond,8:0} req/s  p50 {result.P50,7:0.00} ms  p99 {result.P99,7:0.00} ms  max {result.Max,7:0.0} ms  errors {result.Errors}  server cpu/req {result.ServerCpuMs:0.00} ms  {result.KilobytesPerResponse:0.0} KB/resp  cores server {result.Cpu.Server:0.00} client {result.Cpu.Client:0.00} other {result.Cpu.Other:0.00}"
            + (result.FirstError is null ? "" : $"  first: {result.FirstError}"));
    }
    if (File.Exists(options.Wrk) && options.Only.Count == 0)
    {
        wrk = await WrkResult.RunAsync(options.Wrk, new Uri(server.Address, "/healthz"), server.Id, options.Concurrency, options.Duration);
        Console.WriteLine($"   {"wrk cross-check, GET /healthz",-44} {wrk.PerSecond,8:0} req/s  p50 {wrk.P50,7:0.00} ms  p99 {wrk.P99,7:0.00} ms  errors {wrk.Errors}");
    }
    memory = server.Memory();
    Console.WriteLine($"   resident after load: VmRSS {memory.Rss:0} MB (private {memory.Anon:0}, files {memory.File:0}, shared {memory.Shmem:0}), peak VmHWM {memory.Peak:0} MB");
}

// Cold starts: a fresh process each time, on the now-used database (keys, WAL and all, as after a restart). Each
// run asks for one kind of first page right after /healthz answers, so neither warms the other's code paths.
Console.WriteLine($"== cold starts ({options.ColdStarts} × page, {options.ColdStarts} × API)");
for (var i = 0; i < options.ColdStarts * 2; i++)
{
    var page = i % 2 == 0;
    await using var server = ServerProcess.Start(options.Dll, options.WorkDirectory, connectionString, serverLog);
    using var client = LoadRunner.CreateClient(server.Address, 1);
    // The sign-in cookie as first issued: after a restart a browser's cookie is older than a minute, so the first
    // page also pays the security-stamp check.
    var browser = new Browsers(server.Address, cookie, 1);
    var health = await server.WaitForAsync(client, () => new HttpRequestMessage(HttpMethod.Get, "/healthz"), TimeSpan.FromSeconds(30));
    var first = await server.WaitForAsync(client, () => page
        ? browser.Get(0, $"/assessments/{sample.Id}")
        : Bearer(HttpMethod.Get, $"/api/v1/assessments/{sample.Id}", seed.Token), TimeSpan.FromSeconds(30));
    coldHealth.Add(health.TotalMilliseconds);
    (page ? coldPage : coldApi).Add(first.TotalMilliseconds);
    Console.WriteLine($"   /healthz {health.TotalMilliseconds,5:0} ms, first {(page ? "checklist page" : "API response")} {first.TotalMilliseconds,5:0} ms");
}

var report = new Report(options, seed, results, wrk, coldHealth, coldPage, coldApi, memory);
var markdown = report.Markdown();
Console.WriteLine();
Console.WriteLine(markdown);
if (options.Document is { } doc)
{
    report.UpdateDocument(doc);
    Console.WriteLine($"== updated {doc}");
}
var failed = results.Sum(r => r.Errors) + (wrk?.Errors ?? 0);
return failed == 0 ? 0 : 2;

static HttpRequestMessage Bearer(HttpMethod method, string path, string token)
{
    var request = new HttpRequestMessage(method, path);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return request;
}

// The real sign-in: the form's antiforgery token and cookie, the password, the authenticator's code, then the
// Identity cookie the browser would keep.
static async Task<string> SignInAsync(Uri address, string email, string password, string authenticatorKey)
{
    var cookies = new CookieContainer();
    using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = address };
    async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        var token = Regex.Match(await client.GetStringAsync(path), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        if (!token.Success)
        {
            throw new InvalidOperationException($"no antiforgery token on {path}");
        }
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }
    using var passwordStep = await PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/" });
    var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(authenticatorKey)).ComputeTotp(DateTime.UtcNow);
    using var response = await PostFormAsync("/login/two-factor", new() { ["Code"] = code, ["ReturnUrl"] = "/" });
    if (response.StatusCode != HttpStatusCode.Redirect || !cookies.GetCookies(address).Any(c => c.Name.StartsWith("mamori.auth", StringComparison.Ordinal)))
    {
        throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
    }
    return cookies.GetCookieHeader(address);
}

static string Breakdown(IReadOnlyList<SeededRound> rounds) =>
    string.Join(", ", rounds.GroupBy(r => r.Checklist).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
