using System.Globalization;

namespace Mamori.Bench;

public sealed record BenchOptions(string Dll, string WorkDirectory, string? Document, string RepoRoot, int Concurrency, TimeSpan WarmUp, TimeSpan WarmUpAll, TimeSpan Duration, int ColdStarts, double? FloorPagesPerSecond)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var root = Path.GetFullPath(Value("--repo") ?? ".");
        return new BenchOptions(
            Path.GetFullPath(Value("--dll") ?? Path.Combine(root, "src/Mamori.Web/bin/Release/net10.0/mamori.dll")),
            Path.GetFullPath(Value("--work") ?? Path.Combine(Path.GetTempPath(), $"mamori-bench-{Environment.ProcessId}")),
            Value("--doc") is { } d ? Path.GetFullPath(d) : null,
            root,
            Int("--concurrency", 32),
            TimeSpan.FromSeconds(Int("--warmup", 5)),
            TimeSpan.FromSeconds(Int("--warmup-all", 20)),
            TimeSpan.FromSeconds(Int("--duration", 60)),
            Int("--cold-starts", 3),
            Value("--floor") is { } f && f.Length > 0 ? double.Parse(f, CultureInfo.InvariantCulture) : null);
    }
}
