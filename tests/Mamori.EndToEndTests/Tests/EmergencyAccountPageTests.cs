using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Mamori.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>
/// Items 45–46 on a page: an installation administrator creates an emergency account with their password asked
/// again, enrols its authenticator before it is saved, prints its recovery codes, and the account signs in with both.
/// </summary>
public sealed class EmergencyAccountPageTests(MamoriApp app)
{
    [Fact]
    public async Task An_emergency_account_made_on_the_page_has_its_second_factor_from_the_start()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var facilityName = Names.Facility("非常時病院");
        var facility = await FacilityPage.CreateAsync(page, facilityName, "病院", onlineQualification: false);
        var email = $"emergency-{Guid.NewGuid():N}@e2e.mamori.test";
        const string Name = "Emergency Admin";
        const string Password = "Hijou#Kagi-2026-Yoru";

        await page.GotoAsync("/emergency");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "非常時アカウントを作成" }));
        Assert.Equal("/emergency/new", page.Path());
        await page.GetByLabel("氏名").FillAsync(Name);
        await page.GetByLabel("メールアドレス（サインインID）").FillAsync(email);
        await page.Locator("select[name=FacilityId]").SelectOptionAsync(facility.Id.ToString());
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(Password);
        Assert.Contains("13文字以上", await PasswordField.RulesAsync(page.GetByLabel("パスワード", new() { Exact = true })), StringComparison.Ordinal);
        await Artifacts.ScreenshotAsync(page, "emergency-new");

        // The administrator's own password, asked again: a wrong one stops here.
        await page.GetByLabel("あなたのパスワード（確認のため）").FillAsync("Not-my-password-2026!");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "次へ（二要素認証の設定）" }));
        await Expect(page.Locator(".error[role=alert]")).ToContainTextAsync("パスワードが正しくありません");
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("あなたのパスワード（確認のため）").FillAsync(MamoriApp.Admin.Password);
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "次へ（二要素認証の設定）" }));

        await Expect(page.Locator("svg.qr-code[role=img]")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "emergency-enrol");
        var authenticator = new TestAuthenticator(await page.Locator(".secret-key").InnerTextAsync(), TimeProvider.System);
        // Nothing is saved before the code: the list does not have the account yet.
        var list = await context.NewPageAsync();
        await list.GotoAsync("/emergency");
        await Expect(list.Locator("tr", new() { HasText = email })).ToHaveCountAsync(0);

        // A wrong code keeps the same key, and still saves nothing.
        var right = await authenticator.NextCodeAsync();
        await page.GetByLabel("確認コード").FillAsync(right[..5] + (char)('0' + ((right[5] - '0' + 5) % 10)));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "確認して作成する" }));
        await Expect(page.Locator(".error[role=alert]")).ToContainTextAsync("確認コードが正しくありません");
        Assert.Equal(authenticator.Key, (await page.Locator(".secret-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal));
        await list.ReloadAsync();
        await Expect(list.Locator("tr", new() { HasText = email })).ToHaveCountAsync(0);

        await page.GetByLabel("確認コード").FillAsync(right);
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "確認して作成する" }));
        await Expect(page.Locator(".recovery-codes code")).ToHaveCountAsync(10);
        await Expect(page.Locator(".recovery-sheet")).ToContainTextAsync(email);
        await Expect(page.Locator(".recovery-sheet")).ToContainTextAsync(facilityName);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "回復コードを印刷" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "emergency-created");

        // Created disabled, as from the command line: enabled with a reason when the crisis comes.
        await list.ReloadAsync();
        var row = list.Locator("tr", new() { HasText = email });
        await Expect(row).ToContainTextAsync("無効");
        await row.GetByLabel("有効にする理由").FillAsync("EHR outage drill");
        await list.ClickAndWaitAsync(row.GetByRole(AriaRole.Button, new() { Name = "有効にする" }));
        await Expect(list.Locator("tr", new() { HasText = email })).ToContainTextAsync("有効");

        // The emergency account signs in with its password and the enrolled authenticator, with nothing left to set up.
        await using var crisis = await app.NewContextAsync();
        var user = await crisis.NewPageAsync();
        await new LoginPage(user).SignInAsync(email, Password, authenticator);
        Assert.Equal("/", user.Path());
        await Expect(user.GetByRole(AriaRole.Button, new() { Name = "サインアウト" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(user, "emergency-signed-in");

        // The use is flagged to the administrator; acknowledged here so other tests' pages carry no banner.
        await list.GotoAsync("/emergency");
        var use = list.Locator("form", new() { HasText = Name });
        await use.GetByLabel("確認内容（誰が、何のために使ったか）").FillAsync("e2e: emergency account created and tried");
        await list.ClickAndWaitAsync(use.GetByRole(AriaRole.Button, new() { Name = "確認した" }));
    }
}
