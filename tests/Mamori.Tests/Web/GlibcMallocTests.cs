using System.Runtime.InteropServices;
using Mamori.Web.Infrastructure;

namespace Mamori.Tests.Web;

/// <summary>Freed native memory below a live allocation goes back to the system when Mamori trims.</summary>
public sealed class GlibcMallocTests
{
    private const int Blocks = 20_000;
    private const int BlockSize = 1_000;
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    [Fact]
    public async Task Trim_returns_freed_pages_that_free_alone_keeps()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "glibc's malloc is Linux-only");
        // Mamori limits the process to two arenas, so a test running alongside would take the freed pages for its
        // own allocations at once. A new thread (LongRunning), with room for a new arena, gets one that nothing else uses.
        Assert.Equal(1, MallOpt(ArenaMax, 64));
        var seen = await Task.Factory.StartNew(FreeBelowALiveBlockAndTrim, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.True(seen.Trimmed);
        Assert.True(seen.AfterFree > Blocks * BlockSize / 4096 / 2, $"freed pages should stay resident before the trim: {seen.AfterFree}");
        Assert.True(seen.AfterTrim < seen.AfterFree / 4, $"resident pages: {seen.AfterFree} after free, {seen.AfterTrim} after trim");
    }

    private static unsafe (int AfterFree, int AfterTrim, bool Trimmed) FreeBelowALiveBlockAndTrim()
    {
        var blocks = new nint[Blocks];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = (nint)NativeMemory.Alloc(BlockSize);
            new Span<byte>((void*)blocks[i], BlockSize).Fill(1);
        }
        // A live allocation after the blocks, so free() cannot hand their pages back from the arena's top.
        var guard = NativeMemory.Alloc(BlockSize);
        try
        {
            var (low, high) = (blocks.Min(), blocks.Max() + BlockSize);
            foreach (var block in blocks)
            {
                NativeMemory.Free((void*)block);
            }
            var afterFree = ResidentPages(low, high);
            var trimmed = GlibcMalloc.Trim();
            return (afterFree, ResidentPages(low, high), trimmed);
        }
        finally
        {
            NativeMemory.Free(guard);
        }
    }

    private static unsafe int ResidentPages(nint low, nint high)
    {
        var start = low & ~(nint)4095;
        var pages = (int)((high - start + 4095) / 4096);
        var vector = new byte[pages];
        fixed (byte* v = vector)
        {
            Assert.Equal(0, MinCore(start, (nuint)pages * 4096, v));
        }
        return vector.Count(b => (b & 1) == 1);
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static extern unsafe int MinCore(nint address, nuint length, byte* vector);
}
