using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

public static class Navigation
{
    /// <summary>
    /// Clicks something that loads a new document (a form post, a link) and waits until that document has loaded,
    /// whether the server redirects or answers in place (a refused form comes back at the same URL).
    /// Works without JavaScript in the page.
    /// </summary>
    /// <remarks>
    /// Both events are watched from before the click, on Playwright's dispatcher, in the order they arrive. Waiting
    /// for the navigation first and then calling WaitForLoadStateAsync raced: on a busy machine the load event could
    /// arrive between the client's "already loaded?" check and its subscription, and the wait then hung (seen in CI).
    /// </remarks>
    public static async Task ClickAndWaitAsync(this IPage page, ILocator target)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = false;
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                committed = true;
            }
        }
        void OnLoad(object? sender, IPage p)
        {
            if (committed)
            {
                loaded.TrySetResult();
            }
        }
        page.FrameNavigated += OnNavigated;
        page.Load += OnLoad;
        try
        {
            await target.ClickAsync();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
            page.Load -= OnLoad;
        }
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
