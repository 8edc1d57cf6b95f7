using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>
/// An administrator adds a nurse in the browser (the password rules refuse a weak first password); the nurse must
/// replace it at the first sign-in; five wrong passwords lock the account without saying whether it exists.
/// </summary>
public sealed class AccountAdministrationTests(MamoriApp app)
{
    [Fact]
    public async Task A_new_person_replaces_the_first_password_and_five_failures_lock_the_account()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(page, Names.Facility("アカウント病院"), "病院", onlineQualification: false);
        var email = $"nurse-{Guid.NewGuid():N}@e2e.mamori.test";

        await page.GotoAsync("/admin/users/new");
        await page.GetByLabel("氏名").FillAsync("新任 看護師");
        await page.GetByLabel("メールアドレス（サインインID）").FillAsync(email);
        await page.Locator("select[name=Role]").SelectOptionAsync("staff");
        await page.Locator("select[name=FacilityId]").SelectOptionAsync(facility.Id.ToString());
        await page.GetByLabel("最初のパスワード").FillAsync("password1234!");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "追加する" }));
        await Expect(page.Locator(".error[role=alert]")).ToContainTextAsync("よく使われる");
        await Artifacts.ScreenshotAsync(page, "user-new-refused");

        await page.GetByLabel("最初のパスワード").FillAsync("Hajime-2026-kango!");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "追加する" }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("新任 看護師");
        // The refused form kept the chosen role: still 職員 of this hospital, never an administrator by default.
        await Expect(page.Locator("section[aria-labelledby=roles] li")).ToContainTextAsync("職員");
        await Artifacts.ScreenshotAsync(page, "user-details");

        await using var nurseContext = await app.NewContextAsync();
        var nurse = await nurseContext.NewPageAsync();
        await new LoginPage(nurse).SignInAsync(email, "Hajime-2026-kango!");
        Assert.Equal("/account/password", nurse.Path());
        await nurse.GetByLabel("現在のパスワード").FillAsync("Hajime-2026-kango!");
        await nurse.GetByLabel("新しいパスワード", new() { Exact = true }).FillAsync("Watashi-no-2026-kagi!");
        await nurse.GetByLabel("新しいパスワード（確認）").FillAsync("Watashi-no-2026-kagi!");
        await nurse.ClickAndWaitAsync(nurse.GetByRole(AriaRole.Button, new() { Name = "変更する" }));
        Assert.Equal("/account", nurse.Path());
        await Expect(nurse.Locator("p.flash")).ToContainTextAsync("パスワードを変更しました");

        await using var attackerContext = await app.NewContextAsync();
        var attacker = await attackerContext.NewPageAsync();
        var login = new LoginPage(attacker);
        for (var i = 0; i < 5; i++)
        {
            await login.SubmitAsync(email, $"Guess-{i}-2026-wrong!");
        }
        var lockedMessage = await login.ErrorTextAsync();
        await login.SubmitAsync(email, "Watashi-no-2026-kagi!");
        Assert.Equal("/login", attacker.Path());
        // Locked: even the right password is refused, with the same words as for an unknown address.
        Assert.Equal(lockedMessage, await login.ErrorTextAsync());
        await login.SubmitAsync($"nobody-{Guid.NewGuid():N}@e2e.mamori.test", "Watashi-no-2026-kagi!");
        Assert.Equal(lockedMessage, await login.ErrorTextAsync());
        await Artifacts.ScreenshotAsync(attacker, "login-locked");

        // The administrator sees the lock on the person's page.
        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("tr", new() { HasText = email })).ToContainTextAsync("ロック中");
        await Artifacts.ScreenshotAsync(page, "users-list");
    }
}
