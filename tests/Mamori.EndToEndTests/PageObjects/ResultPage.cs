using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

public sealed record ResultRow(string Label, string Ratio, string Count);

public sealed record ToDoItem(int Number, string Heading, string Perspective, string Text);

/// <summary>/assessments/{id}/result: the チェックの結果 table and the to-do list (the × items).</summary>
public sealed class ResultPage(IPage page)
{
    public static async Task<ResultPage> OpenAsync(IPage page, Guid id)
    {
        await page.GotoAsync($"/assessments/{id}/result");
        return new ResultPage(page);
    }

    /// <summary>A row of the result table: prevent, detect, correct, or total.</summary>
    public async Task<ResultRow> RowAsync(string perspective)
    {
        var row = page.Locator($"main table.result-table tr[data-perspective='{perspective}']");
        var header = row.Locator("th");
        var cells = await row.Locator("td").AllInnerTextsAsync();
        if (cells.Count != 2)
        {
            throw new InvalidOperationException($"The result row {perspective} has {cells.Count} cells, not 割合 and 項目数.");
        }
        return new ResultRow(await header.CountAsync() > 0 ? (await header.InnerTextAsync()).Trim() : "", cells[0].Trim(), cells[1].Trim());
    }

    public Task<IReadOnlyList<string>> ColumnHeadersAsync() => page.Locator("main table.result-table thead th").AllInnerTextsAsync();

    public async Task<IReadOnlyList<ToDoItem>> ToDoAsync()
    {
        var items = new List<ToDoItem>();
        foreach (var li in await page.Locator("ol.todo > li").AllAsync())
        {
            var id = await li.GetAttributeAsync("id") ?? "";
            var tag = li.Locator(".todo-head .tag");
            items.Add(new ToDoItem(
                int.Parse(id.Replace("todo-", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture),
                (await li.Locator(".todo-head strong").InnerTextAsync()).Trim(),
                await tag.CountAsync() > 0 ? (await tag.InnerTextAsync()).Trim() : "",
                await li.Locator(".item-text").TextContentAsync() ?? ""));
        }
        return items;
    }

    public async Task<string> ToDoHeadingAsync() => (await page.Locator("#todo-heading").InnerTextAsync()).Trim();

    public async Task<string> WarningAsync()
    {
        var w = page.Locator("main p.warning");
        return await w.CountAsync() == 0 ? "" : await w.InnerTextAsync();
    }
}
