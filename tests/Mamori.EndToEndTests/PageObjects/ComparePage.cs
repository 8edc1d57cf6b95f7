using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

public sealed record ChangedItem(int Number, string Before, string After, string Change);

/// <summary>/assessments/compare?before=…&amp;after=…: what changed between two rounds.</summary>
public sealed partial class ComparePage(IPage page)
{
    public Task<int> ImprovedAsync() => CountAsync(".tag.improved");

    public Task<int> RegressedAsync() => CountAsync(".tag.regressed");

    public Task<int> ChangedAsync() => CountAsync(".tag:not(.improved):not(.regressed)");

    private async Task<int> CountAsync(string selector)
    {
        var text = await page.Locator("main").Locator(selector).InnerTextAsync();
        return Number().Match(text) is { Success: true } m
            ? int.Parse(m.Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No count in '{text}'.");
    }

    public async Task<IReadOnlyList<ChangedItem>> ChangedItemsAsync()
    {
        var items = new List<ChangedItem>();
        foreach (var row in await page.Locator("table.compare tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            items.Add(new ChangedItem(
                int.Parse((await row.Locator("th").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture),
                cells[1].Trim(), cells[2].Trim(), cells[3].Trim()));
        }
        return items;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
