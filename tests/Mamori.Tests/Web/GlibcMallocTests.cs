using System.Runtime.InteropServices;
using Mamori.Web.Infrastructure;

namespace Mamori.Tests.Web;

/// <summary>Freed native memory below a live allocation goes back to the system when Mamori trims.</summary>
public sealed unsafe class GlibcMallocTests
{
    private const int Blocks = 20_000;
    private const int BlockSize = 1_000;

    [Fact]
    public void Trim_returns_freed_pages_that_free_alone_keeps()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "glibc's malloc is Linux-only");
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

            Assert.True(GlibcMalloc.Trim());

            var afterTrim = ResidentPages(low, high);
            Assert.True(afterFree > Blocks * BlockSize / 4096 / 2, $"freed pages should stay resident before the trim: {afterFree}");
            Assert.True(afterTrim < afterFree / 4, $"resident pages: {afterFree} after free, {afterTrim} after trim");
        }
        finally
        {
            NativeMemory.Free(guard);
        }
    }

    private static int ResidentPages(nint low, nint high)
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

    [DllImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static extern int MinCore(nint address, nuint length, byte* vector);
}
