using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Flow 4: with JavaScript turned off the core form still works — radio buttons, memos, and the 保存 button.</summary>
public sealed class NoJavaScriptTests(MamoriApp app)
{
    [Fact]
    public async Task Answers_and_memos_saved_with_the_button_persist()
    {
        var (context, page) = await app.SignedInAsync(o => o.JavaScriptEnabled = false);
        await using var _ = context;
        var staff = CatalogFile.Load("staff");

        var facility = await FacilityPage.CreateAsync(page, Names.Facility("歯科"), "歯科診療所", onlineQualification: false);
        var form = await facility.StartRoundAsync("staff", "受付 一郎", new DateOnly(2026, 5, 20));
        // Without the script the autosave note stays hidden and the 保存 button is the way to save.
        await Expect(page.Locator(".autosave-note")).ToBeHiddenAsync();
        await Expect(page.Locator("#answers").GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true })).ToBeVisibleAsync();

        static Mark? Pattern(int n) => n <= 6 ? Mark.Yes : n <= 8 ? Mark.No : null;
        foreach (var item in staff.Items)
        {
            if (Pattern(item.Number) is { } mark)
            {
                await form.ChooseAsync(item.Number, mark);
            }
        }
        const string Memo = "来月の研修で説明する";
        await form.WriteMemoAsync(7, Memo);
        await form.SaveAsync();

        Assert.Equal($"/assessments/{form.Id}", page.Path());
        await Expect(form.Flash).ToHaveTextAsync("保存しました。");

        await page.GotoAsync($"/assessments/{form.Id}");
        var shown = await form.AnswersWithoutScriptAsync(staff.Items.Select(i => i.Number));
        Assert.Equal(staff.Items.Select(i => Pattern(i.Number)), staff.Items.Select(i => shown[i.Number]));
        Assert.Equal(Memo, await form.MemoAsync(7));
        await Artifacts.ScreenshotAsync(page, "form-staff-no-javascript");

        // The staff list has no 視点: its result is the single 割合 / 項目数 line.
        var result = await ResultPage.OpenAsync(page, form.Id);
        Assert.Equal(["割合", "項目数"], (await result.ColumnHeadersAsync()).Select(h => h.Trim()));
        Assert.Equal(new ResultRow("", "60.0%", "6/10"), await result.RowAsync("total"));
        var todo = await result.ToDoAsync();
        Assert.Equal([7, 8], todo.Select(t => t.Number));
        await Expect(page.Locator("#todo-7 .memo-text")).ToHaveTextAsync($"メモ: {Memo}");
        await Artifacts.ScreenshotAsync(page, "result-staff-no-javascript");
    }
}
