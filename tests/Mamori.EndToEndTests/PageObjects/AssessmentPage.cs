using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/assessments/{id}: the form of one round, NO / 視点 / チェック項目 / チェック欄 per item.</summary>
public sealed class AssessmentPage(IPage page, Guid id)
{
    public Guid Id { get; } = id;

    public IPage Page { get; } = page;

    public static async Task<AssessmentPage> OpenAsync(IPage page, Guid id)
    {
        await page.GotoAsync($"/assessments/{id}");
        return new AssessmentPage(page, id);
    }

    public ILocator Row(int number) => Page.Locator($"tr#item-{number}");

    public ILocator Radio(int number, Mark? mark) => Row(number).Locator($"input[type=radio][value='{mark?.ToValue() ?? ""}']");

    private ILocator MarkLabel(int number, Mark mark) => Row(number).Locator($"label.mark.{mark.ToValue()}");

    /// <summary>Clicks ○ or × as a person does and waits for the script's autosave to report 保存しました in that row.</summary>
    public async Task AnswerAsync(int number, Mark mark)
    {
        await MarkLabel(number, mark).ClickAsync();
        await ExpectSavedAsync(number, mark);
    }

    /// <summary>The same with a finger, on a touch screen.</summary>
    public async Task TapAsync(int number, Mark mark)
    {
        await MarkLabel(number, mark).TapAsync();
        await ExpectSavedAsync(number, mark);
    }

    private async Task ExpectSavedAsync(int number, Mark mark)
    {
        await Expect(Radio(number, mark)).ToBeCheckedAsync();
        await Expect(Row(number).Locator(".save-state")).ToHaveTextAsync("保存しました");
    }

    /// <summary>Without JavaScript: only selects the radio button; <see cref="SaveAsync"/> sends the whole form.</summary>
    public Task ChooseAsync(int number, Mark? mark) => Radio(number, mark).CheckAsync();

    public Task WriteMemoAsync(int number, string memo) => Row(number).Locator("textarea").FillAsync(memo);

    /// <summary>The form's 保存 button (the no-JavaScript path).</summary>
    public async Task SaveAsync() =>
        await Page.ClickAndWaitAsync(Page.Locator("#answers").GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));

    /// <summary>Every item's answer as the page shows it now (number → ○, ×, or null when unanswered).</summary>
    public async Task<IReadOnlyDictionary<int, Mark?>> AnswersAsync()
    {
        var json = await Page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('tr[data-number]')).map(r => ({
              number: Number(r.dataset.number),
              value: (r.querySelector('input[type=radio]:checked') || { value: '' }).value,
            }))
            """);
        return json.EnumerateArray().ToDictionary(e => e.GetProperty("number").GetInt32(), e => MarkExtensions.Parse(e.GetProperty("value").GetString()));
    }

    /// <summary>The same without running script in the page, for a context with JavaScript turned off.</summary>
    public async Task<IReadOnlyDictionary<int, Mark?>> AnswersWithoutScriptAsync(IEnumerable<int> numbers)
    {
        var answers = new Dictionary<int, Mark?>();
        foreach (var n in numbers)
        {
            answers[n] = await Radio(n, Mark.Yes).IsCheckedAsync() ? Mark.Yes : await Radio(n, Mark.No).IsCheckedAsync() ? Mark.No : null;
        }
        return answers;
    }

    public Task<string> MemoAsync(int number) => Row(number).Locator("textarea").InputValueAsync();

    public ILocator Flash => Page.Locator("p.flash");

    public ILocator StatusBadge => Page.Locator(".round-meta .badge");

    /// <summary>完了, confirming when the page asks because items are left blank.</summary>
    public async Task CompleteAsync()
    {
        await AskToCompleteAsync();
        if (await CompletionQuestion.CountAsync() > 0)
        {
            await ConfirmCompletionAsync();
        }
    }

    /// <summary>Presses この回を完了にする only: with blank items the page then asks (<see cref="CompletionQuestion"/>).</summary>
    public async Task AskToCompleteAsync() =>
        await Page.ClickAndWaitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "この回を完了にする" }));

    public ILocator CompletionQuestion => Page.Locator("#confirm-complete");

    public async Task ConfirmCompletionAsync() =>
        await Page.ClickAndWaitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "未回答のまま完了する" }));

    /// <summary>回答済み n / N 項目, as the page shows it now.</summary>
    public ILocator Progress => Page.Locator("#progress");

    public async Task ReopenAsync(string reason)
    {
        await Page.GetByLabel("再開する理由").FillAsync(reason);
        await Page.ClickAndWaitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "再開する", Exact = true }));
    }

    /// <summary>Follows one of the round's tabs (記入, 結果と対策, 印刷, 変更履歴…).</summary>
    public async Task OpenTabAsync(string name) =>
        await Page.ClickAndWaitAsync(Page.Locator("ul.tabs").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }));

    /// <summary>Clicks an export link (Excel (.xlsx) or CSV) and keeps the file.</summary>
    public async Task<IDownload> DownloadAsync(string linkName) =>
        await Page.RunAndWaitForDownloadAsync(() => Page.Locator("ul.tabs").GetByRole(AriaRole.Link, new() { Name = linkName }).ClickAsync());
}
