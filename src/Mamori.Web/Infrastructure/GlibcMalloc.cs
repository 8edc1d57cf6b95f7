using System.Runtime.InteropServices;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// glibc's malloc, as Mamori's native memory (SQLite's page caches and statements, OpenSSL, the runtime) uses it.
/// Other C libraries (musl) are left alone: every call here is a no-op where glibc's functions are missing.
/// </summary>
internal static class GlibcMalloc
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    /// <summary>
    /// glibc gives threads that contend for malloc arenas of their own, up to eight per core. SQLite allocates from
    /// whichever thread-pool thread runs the request, so under load most private memory sat in those arenas, not
    /// in the GC heap. Two arenas, what `MALLOC_ARENA_MAX=2` sets, kept it about 60 MB lower at the same speed
    /// (docs/benchmarks.md). An operator's own MALLOC_ARENA_MAX wins.
    /// </summary>
    public static void LimitArenas()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null)
        {
            Call(() => MallOpt(ArenaMax, 2));
        }
    }

    /// <summary>
    /// Hands the free pages inside every arena back to the system. free() only gives back the top of an arena, so
    /// after a burst of requests the pages freed below the last live allocation stay resident: 66 MB of 146 MB of
    /// private memory in one measurement under load (docs/benchmarks.md). True when glibc said it released any.
    /// </summary>
    public static bool Trim() => OperatingSystem.IsLinux() && Call(() => MallocTrim(0)) == 1;

    private static int Call(Func<int> glibc)
    {
        try
        {
            return glibc();
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return 0;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
