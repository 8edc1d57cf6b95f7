using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

public sealed record HistoryEntry(string At, string Who, string What);

/// <summary>/assessments/{id}/history: every change to a round with who and when.</summary>
public sealed class HistoryPage(IPage page)
{
    public static async Task<HistoryPage> OpenAsync(IPage page, Guid id)
    {
        await page.GotoAsync($"/assessments/{id}/history");
        return new HistoryPage(page);
    }

    public async Task<IReadOnlyList<HistoryEntry>> EntriesAsync()
    {
        var entries = new List<HistoryEntry>();
        foreach (var row in await page.Locator("table.history tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            entries.Add(new HistoryEntry(cells[0].Trim(), cells[1].Trim(), cells[2].Trim()));
        }
        return entries;
    }
}
