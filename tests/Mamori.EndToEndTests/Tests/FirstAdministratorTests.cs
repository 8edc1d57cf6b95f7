using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Flow 1: the person at the console opens the printed setup URL and creates the first administrator.</summary>
public sealed class FirstAdministratorTests(MamoriApp app)
{
    [Fact]
    public async Task The_console_setup_url_creates_the_first_administrator_once()
    {
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/setup\?code=[A-Z0-9]{4}(-[A-Z0-9]{4})+$", app.Server.SetupUrl);

        var setup = await app.EnsureAdminAsync();

        Assert.Contains("英字・数字・記号", setup.WeakPasswordError, StringComparison.Ordinal);
        Assert.True(setup.CodeStillValidAfterRefusal, "A refused password must not use up the setup code.");
        Assert.Equal("/account/two-factor", setup.LandingPath);
        Assert.True(setup.TwoFactorQrShown, "The two-factor page shows a QR code for the authenticator app.");
        Assert.Equal(10, setup.RecoveryCodeCount);
        Assert.Equal("医療機関を登録", setup.AfterEnrolmentHeading);
        Assert.Contains("管理者を作成しました", setup.Flash, StringComparison.Ordinal);
        Assert.True(setup.SignOutOffered, "After setup the administrator is signed in (サインアウト in the header).");

        // The same link a second time: the code is used up.
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var again = new SetupPage(page);
        Assert.Equal(404, await again.OpenAsync(app.Server.SetupUrl));
        Assert.False(await again.HasFormAsync());
        Assert.Contains("既に使用されています", await again.ErrorTextAsync(), StringComparison.Ordinal);
        await Artifacts.ScreenshotAsync(page, "setup-used-code");
    }

    [Fact]
    public async Task Sign_in_refuses_a_wrong_password_and_accepts_the_right_one_with_the_authenticator_code()
    {
        await app.EnsureAdminAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        // Signed out, every page leads to the sign-in form.
        await page.GotoAsync("/");
        Assert.Equal("/login", page.Path());
        await Artifacts.ScreenshotAsync(page, "login");

        var login = new LoginPage(page);
        string? error = null;
        await app.SignInOneAtATimeAsync(async () =>
        {
            await login.SubmitAsync(MamoriApp.Admin.Email, "Wrong-password-123");
            Assert.Equal("/login", page.Path());
            error = await login.ErrorTextAsync();
            await login.SubmitAsync(MamoriApp.Admin.Email, MamoriApp.Admin.Password);
            // The right password leads to the second step, not yet in.
            Assert.Equal("/login/two-factor", page.Path());
            await Artifacts.ScreenshotAsync(page, "login-two-factor");
            await new TwoFactorPage(page).EnterCodeAsync(await app.AdminAuthenticator.NextCodeAsync());
        });
        Assert.Contains("正しくありません", error, StringComparison.Ordinal);
        Assert.Equal("/", page.Path());
        await Expect(page.Locator("h1")).ToHaveTextAsync("医療機関");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "home");
    }
}
