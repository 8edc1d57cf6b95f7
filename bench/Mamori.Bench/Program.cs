using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Mamori.Assessments;
using Mamori.Bench;

// bench/run.sh publishes Release and calls this with the paths; docs/benchmarks.md says what is measured and why.
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

var sample = seed.Rounds.First(r => r.Checklist == "sysadmin");
IReadOnlyList<KindResult> hospital;
ScenarioResult saturated;
double pss;
string cookie;
const int BrowserCount = 32;

await using (var server = ServerProcess.Start(options.Dll, options.WorkDirectory, connectionString, serverLog))
{
    using var client = LoadRunner.CreateClient(server.Address, 512);
    await server.WaitForAsync(client, () => new HttpRequestMessage(HttpMethod.Get, "/healthz"), TimeSpan.FromSeconds(30));
    cookie = await SignInAsync(server.Address, seed.AdminEmail, seed.AdminPassword, seed.AdminAuthenticatorKey);
    Console.WriteLine($"== server pid {server.Id} on {server.Address}; signed in through /login");

    var browsers = new Browsers(server.Address, cookie, BrowserCount);
    var kinds = HospitalProfile.Kinds(seed, campaign, browsers, BrowserCount);
    // Unmeasured first, at the same rates, so the JIT has finished tiering before anything counts.
    await OpenLoop.RunAsync(client, kinds, options.WarmUpAll);
    hospital = await OpenLoop.RunAsync(client, kinds, options.Duration);
    pss = server.ProportionalMegabytes();
    Console.WriteLine($"== hospital profile, {options.Duration.TotalSeconds:0} s at a fixed arrival rate (PSS after: {pss:0} MB)");
    foreach (var r in hospital)
    {
        Console.WriteLine($"   {r.Name,-40} {r.PerSecond,6:0.0}/s  p50 {r.P50,6:0.0}  p90 {r.P90,6:0.0}  p99 {r.P99,6:0.0}  max {r.Max,6:0.0} ms  errors {r.Errors}" + (r.FirstError is null ? "" : $"  first: {r.FirstError}"));
    }

    // Capacity, for the ratio to the bare stack: as many checklist pages as 32 browsers can get, closed loop.
    var runner = new LoadRunner(client, server.Id, options.Concurrency, options.WarmUp, options.Duration);
    var rng = Enumerable.Range(0, options.Concurrency).Select(w => new Random(1000 + w)).ToArray();
    var pageBrowsers = new Browsers(server.Address, cookie, options.Concurrency);
    saturated = await runner.RunAsync(new Scenario("Checklist page, saturated", "GET /assessments/{id}", "page",
        (w, _) => pageBrowsers.Get(w, $"/assessments/{seed.Rounds[rng[w].Next(seed.Rounds.Count)].Id}"), pageBrowsers.Keep));
    Console.WriteLine($"== checklist page saturated: {saturated.PerSecond:0} req/s, p99 {saturated.P99:0.0} ms, errors {saturated.Errors}");
}

// Cold starts: a fresh process on the now-used database; the first checklist page with a cookie made before the
// restart (older than a minute, so the page also pays the sign-in's re-check, as a browser's would).
var cold = new List<double>();
for (var i = 0; i < options.ColdStarts; i++)
{
    await using var server = ServerProcess.Start(options.Dll, options.WorkDirectory, connectionString, serverLog);
    using var client = LoadRunner.CreateClient(server.Address, 1);
    var browser = new Browsers(server.Address, cookie, 1);
    cold.Add((await server.WaitForAsync(client, () => browser.Get(0, $"/assessments/{sample.Id}"), TimeSpan.FromSeconds(30))).TotalMilliseconds);
    Console.WriteLine($"== cold start {i + 1}: first checklist page after {cold[^1]:0} ms");
}

var markdown = BenchReport.Markdown(hospital, saturated, options.FloorPagesPerSecond, cold, pss);
Console.WriteLine();
Console.WriteLine(markdown);
if (options.Document is { } doc)
{
    BenchReport.Update(doc, markdown);
    Console.WriteLine($"== updated {doc}");
}
return BenchReport.Passed(hospital, saturated, options.FloorPagesPerSecond, cold) ? 0 : 2;

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
