using System.Globalization;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/facilities/{id}/assessments/new: which checklist, 記入者 and 日付.</summary>
public sealed class NewRoundPage(IPage page)
{
    /// <summary>The checklists offered, as (key, label).</summary>
    public async Task<IReadOnlyList<(string Key, string Label)>> OptionsAsync()
    {
        var options = new List<(string, string)>();
        foreach (var label in await page.Locator("fieldset label.choice").AllAsync())
        {
            options.Add((await label.Locator("input[name=Checklist]").GetAttributeAsync("value") ?? "", (await label.InnerTextAsync()).Trim()));
        }
        return options;
    }

    public async Task<AssessmentPage> StartAsync(string checklistKey, string respondent, DateOnly date)
    {
        await page.Locator($"input[name=Checklist][value='{checklistKey}']").CheckAsync();
        await page.GetByLabel("記入者").FillAsync(respondent);
        await page.GetByLabel("日付").FillAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "記入を始める" }));
        return new AssessmentPage(page, page.IdFromPath("/assessments/"));
    }
}
