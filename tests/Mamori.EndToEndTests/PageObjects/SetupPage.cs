using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/setup?code=…: the console's one-time link to create the first administrator.</summary>
public sealed class SetupPage(IPage page)
{
    /// <summary>Opens the link; returns the HTTP status (404 once the code is used up).</summary>
    public async Task<int> OpenAsync(string url)
    {
        var response = await page.GotoAsync(url);
        return response?.Status ?? 0;
    }

    public Task<bool> HasFormAsync() => page.GetByRole(AriaRole.Button, new() { Name = "管理者を作成" }).IsVisibleAsync();

    public async Task CreateAdminAsync(string name, string email, string password, string? confirmation = null)
    {
        await page.GetByLabel("氏名").FillAsync(name);
        await page.GetByLabel("メールアドレス（サインインID）").FillAsync(email);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("パスワード（確認）").FillAsync(confirmation ?? password);
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "管理者を作成" }));
    }

    /// <summary>The page's error message(s), as the alert shows them.</summary>
    public async Task<string> ErrorTextAsync()
    {
        var alert = page.Locator(".error[role=alert]:not(:empty)");
        return await alert.CountAsync() == 0 ? "" : string.Join("\n", await alert.AllInnerTextsAsync());
    }
}
