using Mamori.Tests.Fixtures;
using Mamori.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/account/two-factor: setting up the authenticator app; /login/two-factor: the code at sign-in.</summary>
public sealed class TwoFactorPage(IPage page)
{
    public Task<bool> ShowsQrCodeAsync() => page.Locator("svg.qr-code[role=img]").IsVisibleAsync();

    /// <summary>Types the shown key into a (simulated) authenticator app and confirms with its code; returns the app and the recovery codes.</summary>
    public async Task<(TestAuthenticator App, IReadOnlyList<string> RecoveryCodes)> EnrolAsync()
    {
        var authenticator = new TestAuthenticator(await page.Locator(".secret-key").InnerTextAsync(), TimeProvider.System);
        await page.GetByLabel("確認コード").FillAsync(await authenticator.NextCodeAsync());
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "設定する" }));
        var codes = await page.Locator(".recovery-codes code").AllInnerTextsAsync();
        return (authenticator, codes.ToList());
    }

    /// <summary>The second step of signing in.</summary>
    public async Task EnterCodeAsync(string code)
    {
        await page.GetByLabel("確認コード").FillAsync(code);
        await page.ClickAndWaitAsync(page.Locator("main form > button.primary"));
    }
}
