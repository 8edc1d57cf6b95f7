using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.Infrastructure;

/// <summary>Screenshots, PDFs and downloads of a run, under artifacts/e2e/ at the repository root, for people to look at.</summary>
public static partial class Artifacts
{
    public static void Reset()
    {
        if (Directory.Exists(RepoPaths.Artifacts))
        {
            Directory.Delete(RepoPaths.Artifacts, recursive: true);
        }
        Directory.CreateDirectory(RepoPaths.Artifacts);
    }

    public static string PathFor(string fileName)
    {
        Directory.CreateDirectory(RepoPaths.Artifacts);
        return Path.Combine(RepoPaths.Artifacts, Unsafe().Replace(fileName, "-"));
    }

    /// <summary>A full-page PNG of what the browser shows now.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = PathFor(name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

    [GeneratedRegex(@"[^\w.\-]")]
    private static partial Regex Unsafe();
}
