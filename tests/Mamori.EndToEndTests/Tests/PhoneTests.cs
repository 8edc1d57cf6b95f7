using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Flow 10: on a phone the form fits the screen's width and the answers can be tapped.</summary>
public sealed class PhoneTests(MamoriApp app)
{
    private static async Task AssertNoHorizontalScrollAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"{what} scrolls sideways on a phone: scrollWidth {scrollWidth} > innerWidth {innerWidth}.");
    }

    [Fact]
    public async Task The_form_fits_a_phone_screen_and_answers_can_be_tapped()
    {
        var (context, page) = await app.SignedInAsync(o =>
        {
            o.ViewportSize = new() { Width = 390, Height = 844 };
            o.IsMobile = true;
            o.HasTouch = true;
            o.DeviceScaleFactor = 1;
        });
        await using var _ = context;

        var facility = await FacilityPage.CreateAsync(page, Names.Facility("スマホ診療所"), "診療所", onlineQualification: true);
        await AssertNoHorizontalScrollAsync(page, "The facility page");
        var form = await facility.StartRoundAsync("sysadmin", "携帯 四郎", new DateOnly(2026, 8, 8));
        await Artifacts.ScreenshotAsync(page, "phone-form-full");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("phone-form-viewport.png") });
        await AssertNoHorizontalScrollAsync(page, "The assessment form");

        await form.TapAsync(1, Mark.Yes);
        await form.TapAsync(2, Mark.No);
        await form.Row(50).ScrollIntoViewIfNeededAsync();
        await form.TapAsync(50, Mark.No);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("phone-form-answered.png") });

        await page.ReloadAsync();
        var answers = await form.AnswersAsync();
        Assert.Equal((Mark.Yes, Mark.No, Mark.No, (Mark?)null), (answers[1], answers[2], answers[50], answers[3]));

        await form.OpenTabAsync("結果と対策");
        await AssertNoHorizontalScrollAsync(page, "The result page");
        await Expect(page.Locator("ol.todo > li")).ToHaveCountAsync(2);
        await Artifacts.ScreenshotAsync(page, "phone-result");
    }
}
