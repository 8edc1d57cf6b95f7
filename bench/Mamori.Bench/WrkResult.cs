using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mamori.Bench;

/// <summary>wrk against /healthz with the same connection count: a cross-check that the C# runner is not the bottleneck.</summary>
public sealed partial record WrkResult(double PerSecond, double P50, double P99, long Errors, CpuShare Cpu)
{
    public static async Task<WrkResult> RunAsync(string wrk, Uri url, int serverPid, int connections, TimeSpan duration)
    {
        var info = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", url.ToString() })
        {
            info.ArgumentList.Add(a);
        }
        var cpu = CpuSnapshot.Take(serverPid);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start wrk");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var share = CpuSnapshot.Between(cpu, CpuSnapshot.Take(serverPid));
        double Latency(string percentile)
        {
            var m = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success)
            {
                return double.NaN;
            }
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
        }
        var rps = RequestsPerSecond().Match(output);
        var errors = NonSuccess().Match(output) is { Success: true } e ? long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN, Latency("50"), Latency("99"), errors + socketErrors, share);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
