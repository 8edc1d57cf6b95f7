using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

public static class Navigation
{
    /// <summary>
    /// Clicks something that loads a new document (a form post, a link) and waits until that document has loaded,
    /// whether the server redirects or answers in place (a refused form comes back at the same URL).
    /// Works without JavaScript in the page.
    /// </summary>
    public static async Task ClickAndWaitAsync(this IPage page, ILocator target)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                committed.TrySetResult();
            }
        }
        page.FrameNavigated += OnNavigated;
        try
        {
            await target.ClickAsync();
            await committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public static string Path(this IPage page) => new Uri(page.Url).AbsolutePath;

    /// <summary>The id at the end of a path like /facilities/{id} or /assessments/{id}.</summary>
    public static Guid IdFromPath(this IPage page, string prefix)
    {
        var path = page.Path();
        return path.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(path[prefix.Length..].Split('/')[0], out var id)
            ? id
            : throw new InvalidOperationException($"Expected a page under {prefix}{{id}}, but the browser is at {page.Url}.");
    }
}
