using Mamori.Tests.Fixtures;
using Mamori.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/login: email and password.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task OpenAsync()
    {
        if (page.Url == "about:blank" || page.Path() != "/login")
        {
            await page.GotoAsync("/login");
        }
    }

    /// <summary>
    /// Signs in (with the authenticator's code when the second step asks for one) and checks the browser left the
    /// sign-in pages; a refusal fails with the page's message.
    /// </summary>
    public async Task SignInAsync(string email, string password, TestAuthenticator? authenticator = null)
    {
        await SubmitAsync(email, password);
        if (page.Path() == "/login/two-factor" && authenticator is not null)
        {
            await new TwoFactorPage(page).EnterCodeAsync(await authenticator.NextCodeAsync());
        }
        if (page.Path().StartsWith("/login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in as {email} was refused at {page.Path()}: {await ErrorTextAsync()}");
        }
    }

    /// <summary>Fills in and sends the form, whatever the outcome.</summary>
    public async Task SubmitAsync(string email, string password)
    {
        await OpenAsync();
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.ClickAndWaitAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "サインイン" }));
    }

    public async Task<string> ErrorTextAsync()
    {
        var alert = page.Locator(".error[role=alert]");
        return await alert.CountAsync() == 0 ? "" : await alert.InnerTextAsync();
    }
}
