using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Mamori.Bench;

/// <summary>The run as Markdown: machine, data, the results against the issue's targets, and a line for the history table.</summary>
public sealed class Report(
    BenchOptions options,
    SeedResult seed,
    IReadOnlyList<ScenarioResult> results,
    WrkResult? wrk,
    IReadOnlyList<double> coldHealth,
    IReadOnlyList<double> coldPage,
    IReadOnlyList<double> coldApi,
    ServerMemory memory)
{
    public const double LatencyTargetMs = 20;
    public const double SavesPerSecondTarget = 1000;

    /// <summary>Issue 4: 100 staff submissions per second sustained, none lost.</summary>
    public const double SubmissionsPerSecondTarget = 100;
    public const double ColdStartTargetMs = 1500;
    public const double MemoryTargetMb = 200;

    private const string LatestBegin = "<!-- bench:latest:begin -->";
    private const string LatestEnd = "<!-- bench:latest:end -->";
    private const string HistoryBegin = "<!-- bench:history:begin -->";
    private const string HistoryEnd = "<!-- bench:history:end -->";
    private const string HistoryHeader =
        "| Date (UTC) | Commit | /healthz req/s | page p99 | round API p99 | saves/s | save p99 | result p99 | xlsx p99 | cold start (page) | RSS after load |\n" +
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private readonly DateTimeOffset _at = DateTimeOffset.UtcNow;
    private readonly string _commit = Commit(options.RepoRoot);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Markdown()
    {
        var s = new StringBuilder();
        s.AppendLine(Inv, $"### {_at:yyyy-MM-dd HH:mm} UTC, commit `{_commit}`");
        s.AppendLine();
        s.AppendLine(Inv, $"- Machine: {Environment.ProcessorCount} cores (`nproc`), {CpuModel()}, {MemoryGiB():0.0} GiB RAM, {OsName()} (kernel {ReadOr("/proc/sys/kernel/osrelease", "?").Trim()}), {RuntimeInformation.FrameworkDescription}.");
        s.AppendLine("- The load runner and the server share these cores: every number below includes the client's own CPU use.");
        s.AppendLine(Inv, $"- Server: {ServerBuild(options)}, SQLite (WAL, synchronous=FULL) on {FileSystem(options.WorkDirectory)}; runtimeconfig: {RuntimeConfig(options.Dll)}.");
        s.AppendLine(Inv, $"- Data: {seed.Facilities} facilities, {seed.Users} users, {seed.Rounds.Count:N0} rounds ({Breakdown()}), {seed.Answers:N0} answer rows, {seed.Changes:N0} history rows; seeded in {seed.Elapsed.TotalSeconds:0.0} s.");
        s.AppendLine(Inv, $"- Load: {options.Concurrency} concurrent clients, closed loop (C# `HttpClient`, one keep-alive connection each); first every scenario runs unmeasured twice for {options.WarmUpAll.TotalSeconds / 2:0} s (so the JIT has finished tiering), then each gets {options.WarmUp.TotalSeconds:0} s warm-up and {options.Duration.TotalSeconds:0} s measured; reads pick a random round of the 1,000; each save flips one item of a round in progress that its client owns.");
        s.AppendLine();
        s.AppendLine("| Scenario | Request | req/s | p50 ms | p99 ms | max ms | errors | server CPU ms/req | KB/response | CPU cores: server / runner / other | target | met? |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var r in results)
        {
            var (target, met) = r.Kind switch
            {
                "floor" => ("floor, no target", "—"),
                "write" => ($"≥ {SavesPerSecondTarget:N0}/s, p99 < {LatencyTargetMs:0} ms",
                    Verdict(r.PerSecond >= SavesPerSecondTarget && r.P99 < LatencyTargetMs && r.Errors == 0, string.Join(", ",
                        new[] { r.PerSecond < SavesPerSecondTarget ? "throughput" : null, r.P99 >= LatencyTargetMs ? "p99" : null, r.Errors > 0 ? "errors" : null }.OfType<string>()))),
                "submit" => ($"≥ {SubmissionsPerSecondTarget:N0}/s, no errors",
                    Verdict(r.PerSecond >= SubmissionsPerSecondTarget && r.Errors == 0, r.Errors > 0 ? "errors" : "throughput")),
                _ => ($"p99 < {LatencyTargetMs:0} ms", Verdict(r.P99 < LatencyTargetMs && r.Errors == 0, r.Errors > 0 ? "errors" : "p99")),
            };
            s.AppendLine(Inv, $"| {r.Name} | `{r.Path}` | {r.PerSecond:N0} | {r.P50:0.0} | {r.P99:0.0} | {r.Max:0} | {r.Errors} | {r.ServerCpuMs:0.00} | {r.KilobytesPerResponse:0.0} | {r.Cpu.Server:0.00} / {r.Cpu.Client:0.00} / {r.Cpu.Other:0.00} | {target} | {met} |");
        }
        if (wrk is not null)
        {
            s.AppendLine(Inv, $"| Health, wrk cross-check (`wrk -t2 -c{options.Concurrency}`) | `GET /healthz` | {wrk.PerSecond:N0} | {wrk.P50:0.0} | {wrk.P99:0.0} | | {wrk.Errors} | {wrk.Cpu.Server * 1000 / wrk.PerSecond:0.00} | | {wrk.Cpu.Server:0.00} / (wrk in other) / {wrk.Cpu.Other:0.00} | floor, no target | — |");
        }
        var noisy = results.Where(r => r.Cpu.Other > 0.15).Select(r => r.Name).ToList();
        if (noisy.Count > 0)
        {
            s.AppendLine();
            s.AppendLine(Inv, $"**The machine was not idle**: other processes used more than 0.15 of a core during {string.Join(", ", noisy)}; those rows understate what Mamori can do.");
        }
        s.AppendLine();
        s.AppendLine("| Start and memory | value | target | met? |");
        s.AppendLine("|---|---:|---|---|");
        s.AppendLine(Inv, $"| Cold start → first `GET /healthz` 200 (median of {coldHealth.Count}; max) | {Median(coldHealth):N0} ms; {Max(coldHealth):N0} ms | | |");
        s.AppendLine(Inv, $"| Cold start → first checklist page `GET /assessments/{{id}}` (median of {coldPage.Count}; max) | {Median(coldPage):N0} ms; {Max(coldPage):N0} ms | < {ColdStartTargetMs / 1000:0.0} s | {Verdict(Median(coldPage) < ColdStartTargetMs, "")} |");
        s.AppendLine(Inv, $"| Cold start → first API response `GET /api/v1/assessments/{{id}}` (median of {coldApi.Count}; max) | {Median(coldApi):N0} ms; {Max(coldApi):N0} ms | < {ColdStartTargetMs / 1000:0.0} s | {Verdict(Median(coldApi) < ColdStartTargetMs, "")} |");
        s.AppendLine(Inv, $"| Resident memory after the load (VmRSS) | {memory.Rss:N0} MB | < {MemoryTargetMb:0} MB | {Verdict(memory.Rss < MemoryTargetMb, "")} |");
        s.AppendLine(Inv, $"| … of which private (RssAnon: GC heap, SQLite page caches, native) / mapped files (RssFile: .dll/.so, shared) / shared memory (RssShmem: run-time code and stubs, mapped writable and executable under W^X) | {memory.Anon:N0} / {memory.File:N0} / {memory.Shmem:N0} MB | | |");
        s.AppendLine(Inv, $"| Peak resident memory during the load (VmHWM) | {memory.Peak:N0} MB | (< {MemoryTargetMb:0} MB) | {Verdict(memory.Peak < MemoryTargetMb, "")} |");
        s.AppendLine();
        s.AppendLine("Cold start: process start (`dotnet mamori.dll`, already built) until the response is complete, polling every 5 ms; each cold run asks for only one kind of first page after `/healthz` answers. MB = 10^6 bytes.");
        return s.ToString();
    }

    public string HistoryRow()
    {
        ScenarioResult? Find(string path) => results.FirstOrDefault(r => r.Path == path);
        string P99(string path) => Find(path) is { } r ? r.P99.ToString("0.0", Inv) + " ms" : "—";
        var save = Find("PUT /api/v1/assessments/{id}/answers/{n}");
        return string.Create(Inv,
            $"| {_at:yyyy-MM-dd HH:mm} | `{_commit}` | {Find("GET /healthz")?.PerSecond:N0} | {P99("GET /assessments/{id}")} | {P99("GET /api/v1/assessments/{id}")} | " +
            $"{save?.PerSecond:N0} | {P99("PUT /api/v1/assessments/{id}/answers/{n}")} | {P99("GET /api/v1/assessments/{id}/result")} | {P99("GET /api/v1/assessments/{id}/export.xlsx")} | " +
            $"{Median(coldPage):N0} ms | {memory.Rss:N0} MB |");
    }

    /// <summary>Replaces the "latest" block and appends a history row; the hand-written parts of the page are left alone.</summary>
    public void UpdateDocument(string path)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        if (!text.Contains(LatestBegin, StringComparison.Ordinal))
        {
            text = text.TrimEnd() + $"\n\n## Latest run\n\n{LatestBegin}\n{LatestEnd}\n";
        }
        if (!text.Contains(HistoryBegin, StringComparison.Ordinal))
        {
            text = text.TrimEnd() + $"\n\n## History\n\n{HistoryBegin}\n{HistoryHeader}\n{HistoryEnd}\n";
        }
        text = Replace(text, LatestBegin, LatestEnd, Markdown().TrimEnd());
        var history = Between(text, HistoryBegin, HistoryEnd).TrimEnd();
        text = Replace(text, HistoryBegin, HistoryEnd, (history.Length == 0 ? HistoryHeader : history) + "\n" + HistoryRow());
        File.WriteAllText(path, text);
    }

    private static string Between(string text, string begin, string end)
    {
        var a = text.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var b = text.IndexOf(end, a, StringComparison.Ordinal);
        return text[a..b].Trim('\n');
    }

    private static string Replace(string text, string begin, string end, string body)
    {
        var a = text.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var b = text.IndexOf(end, a, StringComparison.Ordinal);
        return text[..a] + "\n" + body + "\n" + text[b..];
    }

    private static string Verdict(bool met, string what) => met ? "met" : string.IsNullOrEmpty(what) ? "**not met**" : $"**not met** ({what})";

    private static double Max(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Max();

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private string Breakdown() =>
        string.Join(", ", seed.Rounds.GroupBy(r => r.Checklist).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"))
        + $"; {seed.Rounds.Count(r => r.InProgress)} in progress";

    private static string CpuModel() =>
        ReadOr("/proc/cpuinfo", "").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static double MemoryGiB()
    {
        var line = ReadOr("/proc/meminfo", "").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024 / 1024;
    }

    private static string OsName() =>
        ReadOr("/etc/os-release", "").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription;

    /// <summary>The mount that holds the database: fsync cost is the write path's floor, so say what disk it was.</summary>
    private static string FileSystem(string directory)
    {
        var full = Path.GetFullPath(directory);
        var mount = ReadOr("/proc/mounts", "").Split('\n')
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 2 && full.StartsWith(f[1], StringComparison.Ordinal))
            .OrderByDescending(f => f[1].Length)
            .FirstOrDefault();
        return mount is null ? "an unknown file system" : $"{mount[2]} ({mount[0]} on `{mount[1]}`)";
    }

    /// <summary>bench/run.sh measures the app as docs/operations.md installs it: published, with ReadyToRun code.</summary>
    private static string ServerBuild(BenchOptions options) =>
        Path.GetFullPath(options.Dll).StartsWith(Path.GetFullPath(options.WorkDirectory), StringComparison.Ordinal)
            ? "`dotnet mamori.dll` published by `dotnet publish src/Mamori.Web -c Release` (ReadyToRun, as `docs/operations.md` installs it)"
            : $"`dotnet {Path.GetRelativePath(options.RepoRoot, options.Dll)}`";

    private static string RuntimeConfig(string dll)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(dll, ".runtimeconfig.json")));
            if (!json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var props))
            {
                return "defaults";
            }
            return string.Join(", ", props.EnumerateObject()
                .Where(p => p.Name.StartsWith("System.GC", StringComparison.Ordinal) || p.Name.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
                .Select(p => $"`{p.Name}={p.Value}`")) is { Length: > 0 } list ? list : "runtime defaults";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>HEAD's commit, read from .git without running git (the working tree may hold uncommitted changes).</summary>
    private static string Commit(string root)
    {
        try
        {
            var git = Path.Combine(root, ".git");
            if (File.Exists(git))
            {
                // A worktree: .git is a file pointing at the real directory.
                git = Path.GetFullPath(File.ReadAllText(git).Trim()["gitdir:".Length..].Trim(), root);
            }
            var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref:", StringComparison.Ordinal))
            {
                return head[..Math.Min(7, head.Length)];
            }
            var name = head["ref:".Length..].Trim();
            var common = File.Exists(Path.Combine(git, "commondir")) ? Path.GetFullPath(File.ReadAllText(Path.Combine(git, "commondir")).Trim(), git) : git;
            foreach (var dir in new[] { git, common })
            {
                var file = Path.Combine(dir, name);
                if (File.Exists(file))
                {
                    return File.ReadAllText(file).Trim()[..7];
                }
                var packed = Path.Combine(dir, "packed-refs");
                if (File.Exists(packed) && File.ReadLines(packed).FirstOrDefault(l => l.EndsWith(" " + name, StringComparison.Ordinal)) is { } line)
                {
                    return line[..7];
                }
            }
            return "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string ReadOr(string path, string fallback)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return fallback;
        }
        catch (UnauthorizedAccessException)
        {
            return fallback;
        }
    }
}
