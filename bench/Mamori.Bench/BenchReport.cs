using System.Globalization;
using System.Text;

namespace Mamori.Bench;

/// <summary>The run's results against the targets (docs/benchmarks.md), as Markdown, and that page's "Latest result".</summary>
public static class BenchReport
{
    public const double P99TargetMs = 100, FloorShareTarget = 0.30, ColdStartTargetMs = 3000;

    private const string Start = "<!-- latest-run -->", End = "<!-- /latest-run -->";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static bool Passed(IReadOnlyList<KindResult> hospital, ScenarioResult saturated, double? floor, IReadOnlyList<double> cold) =>
        hospital.All(r => r.Errors == 0 && r.P99 < P99TargetMs)
        && saturated.Errors == 0
        && (floor is not { } f || saturated.PerSecond / f >= FloorShareTarget)
        && cold.All(c => c < ColdStartTargetMs);

    public static string Markdown(IReadOnlyList<KindResult> hospital, ScenarioResult saturated, double? floor, IReadOnlyList<double> cold, double pss)
    {
        var s = new StringBuilder();
        s.AppendLine(Inv, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({Machine()}), SQLite, published Release build.");
        s.AppendLine();
        s.AppendLine("| hospital profile (10× peak) | target rate | achieved | p50 | p90 | p99 | max | errors | p99 < 100 ms |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in hospital)
        {
            s.AppendLine(Inv, $"| {r.Name} | {r.TargetPerSecond:0}/s | {r.PerSecond:0.0}/s | {r.P50:0.0} ms | {r.P90:0.0} ms | {r.P99:0.0} ms | {r.Max:0} ms | {r.Errors} | {Mark(r.Errors == 0 && r.P99 < P99TargetMs)} |");
        }
        s.AppendLine();
        var share = floor is { } f ? saturated.PerSecond / f : double.NaN;
        s.AppendLine("| measure | result | target |");
        s.AppendLine("|---|---:|---|");
        s.AppendLine(Inv, $"| checklist page, saturated (32 browsers) | {saturated.PerSecond:0} req/s (p99 {saturated.P99:0} ms) | |");
        s.AppendLine(Inv, $"| bare stack's page (`bench/floor.sh`) | {(floor is { } fl ? fl.ToString("0", Inv) + " req/s" : "not measured")} | |");
        s.AppendLine(Inv, $"| Mamori's share of the floor | {(double.IsNaN(share) ? "–" : share.ToString("0%", Inv))} | ≥ 30 % {(double.IsNaN(share) ? "" : Mark(share >= FloorShareTarget))} |");
        s.AppendLine(Inv, $"| cold start to the first checklist page | {string.Join(", ", cold.Select(c => c.ToString("0", Inv) + " ms"))} | < 3 s {Mark(cold.All(c => c < ColdStartTargetMs))} |");
        s.AppendLine(Inv, $"| memory after the hospital profile (PSS) | {pss:0} MB | reported, no target |");
        return s.ToString();
    }

    public static void Update(string document, string markdown)
    {
        var text = File.ReadAllText(document);
        var a = text.IndexOf(Start, StringComparison.Ordinal);
        var b = text.IndexOf(End, StringComparison.Ordinal);
        if (a < 0 || b < a)
        {
            throw new InvalidOperationException($"{document} has no {Start} … {End} section to update");
        }
        File.WriteAllText(document, text[..(a + Start.Length)] + "\n" + markdown + text[b..]);
    }

    private static string Mark(bool met) => met ? "met" : "**missed**";

    private static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? "unknown CPU";
    }
}
