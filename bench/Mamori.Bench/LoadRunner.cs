using System.Diagnostics;
using System.Net;

namespace Mamori.Bench;

/// <summary>
/// One kind of request. A worker builds its next request from its own index and call count, and is shown each
/// response (Received) if the scenario keeps state such as a browser's cookies.
/// </summary>
public sealed record Scenario(string Name, string Path, string Kind, Func<int, long, HttpRequestMessage> NextRequest, Action<int, HttpResponseMessage>? Received = null);

public sealed record ScenarioResult(string Name, string Path, string Kind, long Requests, long Errors, double Seconds, double P50, double P90, double P99, double Max, string? FirstError, CpuShare Cpu, long Bytes = 0)
{
    public double PerSecond => Requests / Seconds;

    /// <summary>Server CPU time per request: unlike latency, barely moved by other load on the machine.</summary>
    public double ServerCpuMs => Requests == 0 ? double.NaN : Cpu.Server * Seconds * 1000 / Requests;

    /// <summary>Mean response body size: a page that grows shows up here before it shows up in latency.</summary>
    public double KilobytesPerResponse => Requests == 0 ? double.NaN : Bytes / 1000.0 / Requests;
}

/// <summary>
/// Closed-loop load: N workers, each sending its next request as soon as the previous one is answered, over one
/// pooled HTTP/1.1 client (one connection per worker). A warm-up phase is run and discarded, then a fixed measured
/// phase. Latency is time to the last byte of the response body.
/// </summary>
public sealed class LoadRunner(HttpClient client, int serverPid, int concurrency, TimeSpan warmUp, TimeSpan duration)
{
    public async Task<ScenarioResult> RunAsync(Scenario scenario)
    {
        await PhaseAsync(scenario, warmUp, record: false);
        return await PhaseAsync(scenario, duration, record: true);
    }

    /// <summary>Load without measuring, so the JIT's tiering (which takes tens of seconds on 2 busy cores) is done before any scenario counts.</summary>
    public Task WarmUpAsync(Scenario scenario, TimeSpan length) => PhaseAsync(scenario, length, record: false);

    private async Task<ScenarioResult> PhaseAsync(Scenario scenario, TimeSpan length, bool record)
    {
        var latencies = new List<double>[concurrency];
        var errors = new long[concurrency];
        var bytes = new long[concurrency];
        string? firstError = null;
        var cpu = CpuSnapshot.Take(serverPid);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(16_384);
            var buffer = new byte[64 * 1024];
            for (long call = 0; Stopwatch.GetTimestamp() < deadline; call++)
            {
                using var request = scenario.NextRequest(w, call);
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    scenario.Received?.Invoke(w, response);
                    await using (var body = await response.Content.ReadAsStreamAsync())
                    {
                        int read;
                        while ((read = await body.ReadAsync(buffer)) > 0)
                        {
                            bytes[w] += read;
                        }
                    }
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        errors[w]++;
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {request.Method} {request.RequestUri}", null);
                    }
                }
                catch (HttpRequestException e)
                {
                    errors[w]++;
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var share = CpuSnapshot.Between(cpu, CpuSnapshot.Take(serverPid));
        if (!record)
        {
            return new ScenarioResult(scenario.Name, scenario.Path, scenario.Kind, 0, 0, seconds, 0, 0, 0, 0, null, share);
        }
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new ScenarioResult(scenario.Name, scenario.Path, scenario.Kind, all.Length, errors.Sum(), seconds,
            Percentile(all, 0.50), Percentile(all, 0.90), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1], firstError, share, bytes.Sum());
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>One client for the whole run: a connection per worker, kept open, no cookie or redirect magic.</summary>
    public static HttpClient CreateClient(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
