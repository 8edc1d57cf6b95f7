using System.Runtime.InteropServices;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// glibc's malloc gives threads that contend for it arenas of their own, up to eight per core, and seldom hands
/// their free space back. SQLite's page caches and statements are malloc'd from whichever thread-pool thread runs
/// the request, so under load most of Mamori's private memory sat in those arenas, not in the GC heap (72 MB of
/// 240 MB). Two arenas, what `MALLOC_ARENA_MAX=2` sets, kept private memory about 60 MB lower at the same speed
/// (docs/benchmarks.md). An operator's own MALLOC_ARENA_MAX wins; other C libraries (musl) are left alone.
/// </summary>
internal static class MallocArenas
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    public static void Limit()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return;
        }
        try
        {
            _ = MallOpt(ArenaMax, 2);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc: nothing to tune.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallOpt(int parameter, int value);
}
