using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Issue 15, forms: the password rules where a password is chosen, printing recovery codes, the checklist's progress and completion.</summary>
public sealed class FormsTests(MamoriApp app)
{
    // What GuidelinePasswordValidator and CommonPasswordValidator enforce, in the words a person reads.
    private static readonly string[] Rules = ["13文字以上", "英字・数字・記号", "氏名やメールアドレス", "よく使われるパスワードや流出したパスワード"];

    [Fact]
    public async Task Setup_adding_a_person_and_changing_a_password_state_the_same_rules_beside_the_field()
    {
        var setup = await app.EnsureAdminAsync();
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        await page.GotoAsync("/admin/users/new");
        var addPerson = await PasswordField.RulesAsync(page.GetByLabel("最初のパスワード"));
        await Artifacts.ScreenshotAsync(page, "user-new-password-rules");
        await page.GotoAsync("/account/password");
        var change = await PasswordField.RulesAsync(page.GetByLabel("新しいパスワード", new() { Exact = true }));

        foreach (var (where, text) in new[] { ("/setup", setup.PasswordRules), ("/admin/users/new", addPerson), ("/account/password", change) })
        {
            Assert.All(Rules, rule => Assert.True(text.Contains(rule, StringComparison.Ordinal), $"{where} does not state 「{rule}」 beside the password: {text}"));
        }
        // Only a change can hold the short password a facility allows with two-factor; a new account has no second factor yet.
        Assert.Contains("8文字以上", change, StringComparison.Ordinal);
        Assert.DoesNotContain("8文字以上", addPerson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_codes_have_a_print_button_and_print_alone_with_the_account_they_open()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        await page.GotoAsync("/account/two-factor");
        await page.GetByLabel("あなたのパスワード（確認のため）").FillAsync(MamoriApp.Admin.Password);
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "回復コードを作り直す" }));
        var codes = await page.Locator(".recovery-codes code").AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);

        var print = page.GetByRole(AriaRole.Button, new() { Name = "回復コードを印刷" });
        await Expect(print).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }");
        await print.ClickAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__printed"));
        await Artifacts.ScreenshotAsync(page, "recovery-codes-screen");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".recovery-codes code")).ToHaveCountAsync(10);
        foreach (var code in await page.Locator(".recovery-codes code").AllAsync())
        {
            await Expect(code).ToBeVisibleAsync();
        }
        await Expect(page.Locator(".recovery-sheet")).ToContainTextAsync(MamoriApp.Admin.Name);
        await Expect(page.Locator(".recovery-sheet")).ToContainTextAsync(MamoriApp.Admin.Email);
        await Expect(page.Locator(".recovery-sheet")).ToContainTextAsync("すべての医療機関");
        await Expect(page.Locator(".recovery-sheet dt", new() { HasText = "作成日時" })).ToBeVisibleAsync();
        await Expect(page.Locator("header nav")).ToBeHiddenAsync();
        await Expect(print).ToBeHiddenAsync();
        await Expect(page.Locator("h2#newcodes")).ToBeHiddenAsync();
        await Artifacts.ScreenshotAsync(page, "recovery-codes-print");

        var pdf = Artifacts.PathFor("recovery-codes.pdf");
        await page.PdfAsync(new() { Path = pdf, Format = "A4" });
        var text = await ExternalTool.PdfToTextAsync(pdf, TestContext.Current.CancellationToken);
        Assert.All(codes, c => Assert.Contains(c, text, StringComparison.Ordinal));
        Assert.Contains(MamoriApp.Admin.Email, text, StringComparison.Ordinal);
        Assert.DoesNotContain("職員向けチェック", text, StringComparison.Ordinal);
        Assert.DoesNotContain("作り直す", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checklist_counts_answers_live_and_asks_before_completing_with_blanks()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(page, Names.Facility("進捗診療所"), "診療所", onlineQualification: false);
        var form = await facility.StartRoundAsync("executive", "院長 進", new DateOnly(2026, 11, 2));
        var total = await page.Locator("tr[data-number]").CountAsync();
        await Expect(form.Progress).ToHaveTextAsync($"回答済み 0 / {total} 項目");

        await form.AnswerAsync(1, Mark.Yes);
        await Expect(form.Progress).ToHaveTextAsync($"回答済み 1 / {total} 項目");
        await form.AnswerAsync(2, Mark.No);
        await Expect(form.Progress).ToHaveTextAsync($"回答済み 2 / {total} 項目");
        await Artifacts.ScreenshotAsync(page, "form-progress");

        // Without JavaScript the server's count is the same.
        var (plainContext, plainPage) = await app.SignedInAsync(o => o.JavaScriptEnabled = false);
        await using var __ = plainContext;
        await plainPage.GotoAsync($"/assessments/{form.Id}");
        await Expect(plainPage.Locator("#progress")).ToHaveTextAsync($"回答済み 2 / {total} 項目");

        await form.AskToCompleteAsync();
        await Expect(form.CompletionQuestion).ToContainTextAsync($"未回答が{total - 2}項目あります。このまま完了しますか");
        await Expect(form.StatusBadge).ToHaveTextAsync("記入中");
        await Artifacts.ScreenshotAsync(page, "form-complete-with-blanks");
        await form.ConfirmCompletionAsync();
        Assert.Equal($"/assessments/{form.Id}/result", page.Path());
        await Expect(form.Flash).ToHaveTextAsync("この回を完了しました。");
    }

    [Fact]
    public async Task Each_choice_shows_its_symbol_once_and_is_read_once()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(page, Names.Facility("記号薬局"), "薬局", onlineQualification: false);
        var form = await facility.StartRoundAsync("executive", "薬局長 記", new DateOnly(2026, 11, 3));
        var row = form.Row(1);

        Assert.Equal(["○", "×"], await row.Locator("label.mark.yes, label.mark.no").AllInnerTextsAsync());
        var text = await row.Locator("fieldset").TextContentAsync() ?? "";
        Assert.Equal(1, text.Count(c => c == '○'));
        Assert.Equal(1, text.Count(c => c == '×'));
        await Expect(row.GetByRole(AriaRole.Radio, new() { Name = "はい", Exact = true })).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Radio, new() { Name = "いいえ", Exact = true })).ToHaveCountAsync(1);
        await Artifacts.ScreenshotAsync(page, "form-marks");
    }
}
