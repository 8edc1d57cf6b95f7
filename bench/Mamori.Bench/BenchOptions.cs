using System.Globalization;

namespace Mamori.Bench;

public sealed record BenchOptions(string Dll, string WorkDirectory, string? Document, string Wrk, string RepoRoot, int Concurrency, TimeSpan WarmUp, TimeSpan WarmUpAll, TimeSpan Duration, int ColdStarts, IReadOnlyList<string> Only)
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
            Value("--wrk") ?? "/usr/bin/wrk",
            root,
            Int("--concurrency", 32),
            TimeSpan.FromSeconds(Int("--warmup", 2)),
            TimeSpan.FromSeconds(Int("--warmup-all", 4)),
            TimeSpan.FromSeconds(Int("--duration", 10)),
            Int("--cold-starts", 3),
            Value("--only") is { } only ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : []);
    }
}
