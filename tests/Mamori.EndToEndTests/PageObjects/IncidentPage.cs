using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/incidents/new and /incidents/{id}: report an anomaly, confirm it (1-4), decide (2-1), move steps on.</summary>
public sealed class IncidentPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Read when the page object is made, while the browser is on the incident.</summary>
    public Guid Id { get; } = page.IdFromPath("/incidents/");

    /// <summary>Fills in the short report form as someone on a ward would: signs as choices, where, when, cables.</summary>
    public static async Task<IncidentPage> ReportAsync(IPage page, Guid facilityId, string[] signs, string where, string when, string cables, string description, bool exercise = false)
    {
        await page.GotoAsync($"/incidents/new?facilityId={facilityId}");
        foreach (var sign in signs)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = sign }).CheckAsync();
        }
        await page.GetByLabel("場所（病棟・部署・端末など）").FillAsync(where);
        await page.GetByLabel("気づいた日時").FillAsync(when);
        await page.GetByRole(AriaRole.Radio, new() { Name = cables, Exact = true }).CheckAsync();
        await page.GetByLabel("状況（画面の表示、いつから、影響など）").FillAsync(description);
        if (exercise)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "訓練として報告する" }).CheckAsync();
        }
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "報告する" }));
        return new IncidentPage(page);
    }

    public static async Task<IncidentPage> OpenAsync(IPage page, Guid id)
    {
        await page.GotoAsync($"/incidents/{id}");
        return new IncidentPage(page);
    }

    public Task ConfirmAsync() => Page.ClickAndWaitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "インシデントとして確認する" }));

    public async Task DecideAsync(bool signs, string grounds)
    {
        var form = Page.Locator("#decision-form");
        await form.Locator($"input[name=signs][value={(signs ? "yes" : "no")}]").CheckAsync();
        await form.GetByLabel("判断の根拠").FillAsync(grounds);
        await Page.ClickAndWaitAsync(form.GetByRole(AriaRole.Button));
    }

    /// <summary>Sets a step's status by its option label (未着手, 対応中, 完了, 対象外) with an optional note.</summary>
    public async Task SetStepAsync(string step, string status, string? note = null)
    {
        var row = Step(step);
        await UnfoldAsync(row);
        await row.Locator("select[name=status]").SelectOptionAsync(new SelectOptionValue { Label = status });
        if (note is not null)
        {
            await row.Locator("input[name=note]").FillAsync(note);
        }
        await Page.ClickAndWaitAsync(row.GetByRole(AriaRole.Button, new() { Name = "更新" }));
    }

    public ILocator Step(string step) => Page.Locator($"tr#step-{step}");

    /// <summary>Opens the folds around a step (its phase, "after the decision", "put aside") as a person clicks them, outermost first.</summary>
    public static async Task UnfoldAsync(ILocator row)
    {
        var folds = row.Locator("xpath=ancestor::details[not(@open)]");
        while (await folds.CountAsync() > 0)
        {
            await folds.First.Locator("xpath=./summary").ClickAsync();
        }
    }

    /// <summary>Whether a step's row is on screen without opening anything.</summary>
    public Task<bool> ShownAsync(string step) => Step(step).IsVisibleAsync();

    /// <summary>The status as written in the row, folded or not.</summary>
    public async Task<string> StatusAsync(string step) => (await Step(step).Locator("td .tag").First.TextContentAsync() ?? "").Trim();

    /// <summary>The steps listed under 「いま行う手順」 for a role key (executive, safety-manager, staff).</summary>
    public Task<IReadOnlyList<string>> NowForAsync(string role) => Page.Locator($"#now-{role} ~ ul").First.Locator("li a").AllInnerTextsAsync();

    public Task<string> ErrorAsync() => Page.Locator(".error[role=alert]").InnerTextAsync();
}
