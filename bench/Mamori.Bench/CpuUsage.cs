using System.Diagnostics;
using System.Globalization;

namespace Mamori.Bench;

/// <summary>
/// Where the machine's CPU went during a phase: the server, this load runner, and everything else. They share the
/// same cores, so a result is only meaningful next to these; "other" above a few percent means a noisy machine.
/// </summary>
public readonly record struct CpuSnapshot(long Timestamp, long Busy, long Server, long Self)
{
    // USER_HZ: the unit of /proc/stat and /proc/<pid>/stat on Linux.
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(int serverPid) =>
        new(Stopwatch.GetTimestamp(), MachineBusy(), ProcessTicks(serverPid.ToString(CultureInfo.InvariantCulture)), ProcessTicks("self"));

    /// <summary>Cores used (1.0 = one core busy all the time) by the server, the runner and the rest, between two snapshots.</summary>
    public static CpuShare Between(CpuSnapshot a, CpuSnapshot b)
    {
        var seconds = Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds;
        double Cores(long ticks) => ticks / TicksPerSecond / seconds;
        var server = Cores(b.Server - a.Server);
        var self = Cores(b.Self - a.Self);
        return new CpuShare(server, self, Math.Max(0, Cores(b.Busy - a.Busy) - server - self));
    }

    private static long MachineBusy()
    {
        var line = File.ReadLines("/proc/stat").First();
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal …: busy is everything but idle and iowait (guest is already in user).
        return f.Take(8).Sum() - f[3] - f[4];
    }

    private static long ProcessTicks(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 (utime, stime), counted from the one after the command name.
            return long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

public readonly record struct CpuShare(double Server, double Client, double Other);
