using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/facilities/{id}: the facility's checklists, each with its rounds and a way to start the next one.</summary>
public sealed class FacilityPage(IPage page, Guid id)
{
    public Guid Id { get; } = id;

    public IPage Page { get; } = page;

    /// <summary>Registers a facility through /facilities/new; kind is the label on the form (病院, 診療所, 歯科診療所, 薬局).</summary>
    public static async Task<FacilityPage> CreateAsync(IPage page, string name, string kind, bool onlineQualification)
    {
        await page.GotoAsync("/facilities/new");
        await page.GetByLabel("医療機関名").FillAsync(name);
        await page.GetByRole(AriaRole.Radio, new() { Name = kind, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "オンライン資格確認等" }).SetCheckedAsync(onlineQualification);
        await page.ClickAndWaitAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登録", Exact = true }));
        return new FacilityPage(page, page.IdFromPath("/facilities/"));
    }

    public static async Task<FacilityPage> OpenAsync(IPage page, Guid id)
    {
        await page.GotoAsync($"/facilities/{id}");
        return new FacilityPage(page, id);
    }

    /// <summary>The checklist sections offered, by heading.</summary>
    public Task<IReadOnlyList<string>> ChecklistTitlesAsync() => Page.Locator("section.checklist-section h2").AllInnerTextsAsync();

    public ILocator Section(string checklistKey) => Page.Locator($"section.checklist-section[aria-labelledby='list-{checklistKey}']");

    public async Task<NewRoundPage> NewRoundAsync(string checklistKey)
    {
        await Page.ClickAndWaitAsync(Section(checklistKey).GetByRole(AriaRole.Link, new() { Name = "新しい回を始める" }));
        return new NewRoundPage(Page);
    }

    public async Task<AssessmentPage> StartRoundAsync(string checklistKey, string respondent, DateOnly date) =>
        await (await NewRoundAsync(checklistKey)).StartAsync(checklistKey, respondent, date);

    /// <summary>Compares two rounds of a checklist as listed (前 = before, 後 = after) with the page's compare button.</summary>
    public async Task<ComparePage> CompareAsync(string checklistKey, Guid before, Guid after)
    {
        var section = Section(checklistKey);
        await section.Locator($"input[name=before][value='{before}']").CheckAsync();
        await section.Locator($"input[name=after][value='{after}']").CheckAsync();
        await Page.ClickAndWaitAsync(section.GetByRole(AriaRole.Button, new() { Name = "選んだ2回を比較" }));
        return new ComparePage(Page);
    }
}
