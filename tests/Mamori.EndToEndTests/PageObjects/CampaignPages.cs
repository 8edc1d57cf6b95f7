using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/facilities/{id}/campaigns and /campaigns/{id}: the admin's side of a staff campaign.</summary>
public sealed class CampaignPage(IPage page, Guid id)
{
    public Guid Id { get; } = id;

    public IPage Page { get; } = page;

    /// <summary>Creates a campaign with the list page's form (default period: today for two weeks).</summary>
    public static async Task<CampaignPage> CreateAsync(IPage page, Guid facilityId, string title, bool named)
    {
        await page.GotoAsync($"/facilities/{facilityId}/campaigns");
        await page.GetByLabel("タイトル").FillAsync(title);
        await page.Locator($"input[name=Mode][value={(named ? "named" : "anonymous")}]").CheckAsync();
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "配布を作成する" }));
        return new CampaignPage(page, page.IdFromPath("/campaigns/"));
    }

    public async Task OpenAsync() => await Page.GotoAsync($"/campaigns/{Id}");

    /// <summary>The department's answering address as the detail page lists it (and its QR code encodes).</summary>
    public Task<string> DepartmentLinkAsync(string department) =>
        Page.Locator($"tr[data-department='{department}'] .link-url a").InnerTextAsync();

    public async Task<int> ResponsesAsync(string department) =>
        int.Parse(await Page.Locator($"tr[data-department='{department}'] .responses").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    public async Task AddPersonsAsync(string lines)
    {
        await Page.GetByLabel("1行に1人ずつ").FillAsync(lines);
        await Page.ClickAndWaitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "個人用リンクを作成" }));
    }

    public Task<IReadOnlyList<string>> NotAnsweredAsync() => Page.Locator(".not-answered tbody tr td:first-child").AllInnerTextsAsync();

    /// <summary>The person links CSV, fetched with the page's own sign-in: name → answering address.</summary>
    public async Task<Dictionary<string, string>> PersonLinksAsync()
    {
        var response = await Page.Context.APIRequest.GetAsync($"/campaigns/{Id}/persons.csv");
        var text = await response.TextAsync();
        return text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[4]);
    }
}

/// <summary>/r/{code}: the public answering page, as a member of staff uses it.</summary>
public sealed class AnswerPage(IPage page)
{
    public IPage Page { get; } = page;

    public static async Task<AnswerPage> OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        return new AnswerPage(page);
    }

    public Task<string> SelectedDepartmentAsync() => Page.Locator("select[name=Department]").InputValueAsync();

    /// <summary>Fills the sheet: marks is "○×…" in item order; job type and name only where given.</summary>
    public async Task AnswerAsync(string marks, string? jobType = null, string? name = null)
    {
        if (jobType is not null)
        {
            await Page.Locator("select[name=JobType]").SelectOptionAsync(new SelectOptionValue { Label = jobType });
        }
        if (name is not null)
        {
            await Page.GetByLabel("氏名").FillAsync(name);
        }
        for (var i = 0; i < marks.Length; i++)
        {
            await Page.Locator($"#item-{i + 1} input[value={(marks[i] == '○' ? "yes" : "no")}]").CheckAsync();
        }
    }

    public Task SubmitAsync() => Page.ClickAndWaitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "回答を送信する" }));

    public Task<string> DoneHeadingAsync() => Page.Locator("#done-heading").InnerTextAsync();

    /// <summary>The item numbers that got guidance after submitting (the × items).</summary>
    public async Task<IReadOnlyList<int>> GuidanceItemsAsync() =>
        (await Page.Locator(".guidance > li").EvaluateAllAsync<string[]>("els => els.map(e => e.id)"))
            .Select(id => int.Parse(id["guidance-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
