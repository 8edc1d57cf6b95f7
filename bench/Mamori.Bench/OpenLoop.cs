using System.Diagnostics;

namespace Mamori.Bench;

/// <summary>One kind of request in a profile: how often it arrives, and how the n-th one is made.</summary>
public sealed record RequestKind(string Name, double PerSecond, Func<long, HttpRequestMessage> Next, Action<long, HttpResponseMessage>? Received = null);

public sealed record KindResult(string Name, double TargetPerSecond, long Sent, long Errors, double Seconds, double P50, double P90, double P99, double Max, string? FirstError)
{
    public double PerSecond => Sent / Seconds;
}

/// <summary>
/// Open-loop load: each kind's requests start on a fixed schedule (one every 1/rate seconds), whether or not the
/// earlier ones have been answered, as people arrive whatever the server is doing. Latency is measured from the
/// moment a request was due, not from when it could be sent, so a server that falls behind shows it in the numbers
/// (no coordinated omission). An error is a non-success status (redirects included: a page that sends a signed-in
/// person to /login has failed) or no answer.
/// </summary>
public static class OpenLoop
{
    public static async Task<IReadOnlyList<KindResult>> RunAsync(HttpClient client, IReadOnlyList<RequestKind> kinds, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        return await Task.WhenAll(kinds.Select(kind => Task.Run(() => RunKindAsync(client, kind, started, duration))));
    }

    private static async Task<KindResult> RunKindAsync(HttpClient client, RequestKind kind, long started, TimeSpan duration)
    {
        var count = (long)(kind.PerSecond * duration.TotalSeconds);
        var latencies = new double[count];
        var errors = 0L;
        string? firstError = null;
        var running = new List<Task>((int)count);
        for (long i = 0; i < count; i++)
        {
            var due = started + (long)(i / kind.PerSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var n = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    using var request = kind.Next(n);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    kind.Received?.Invoke(n, response);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        var body = await response.Content.ReadAsStringAsync();
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {request.RequestUri}: {body[..Math.Min(200, body.Length)]}", null);
                    }
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
                }
                latencies[n] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(running);
        Array.Sort(latencies);
        double At(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        return new KindResult(kind.Name, kind.PerSecond, count, errors, duration.TotalSeconds, At(0.50), At(0.90), At(0.99), latencies.LastOrDefault(), firstError);
    }
}
