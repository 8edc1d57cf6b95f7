using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Flow 2: registering a facility decides which checklists its people work through.</summary>
public sealed class FacilityTests(MamoriApp app)
{
    private static readonly string[] AllLists = ["executive", "sysadmin", "online-qualification", "staff"];

    [Fact]
    public async Task A_hospital_doing_online_qualification_is_offered_the_online_qualification_checklist()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var name = Names.Facility("オンライン病院");

        var facility = await FacilityPage.CreateAsync(page, name, "病院", onlineQualification: true);

        await Expect(page.Locator("p.flash")).ToContainTextAsync("医療機関を登録しました");
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("main p.muted").First).ToContainTextAsync("病院 ・ オンライン資格確認等を実施");
        var titles = await facility.ChecklistTitlesAsync();
        Assert.Equal(AllLists.Select(k => CatalogFile.Load(k).Title), titles);
        await Expect(facility.Section("online-qualification")).ToContainTextAsync($"{CatalogFile.Load("online-qualification").Items.Count} 項目");
        await Artifacts.ScreenshotAsync(page, "facility-online");

        var newRound = await facility.NewRoundAsync("online-qualification");
        var options = await newRound.OptionsAsync();
        Assert.Equal(AllLists, options.Select(o => o.Key));
        var online = Assert.Single(options, o => o.Key == "online-qualification");
        Assert.Contains("オンライン資格確認等を実施している場合", online.Label, StringComparison.Ordinal);
        Assert.True(await page.Locator("input[name=Checklist][value='online-qualification']").IsCheckedAsync(), "The link preselects its checklist.");
        await Artifacts.ScreenshotAsync(page, "new-round");

        // And the home page lists it with its kind.
        await page.GotoAsync("/");
        await Expect(page.Locator("ul.cards li", new() { HasText = name })).ToContainTextAsync("病院 ・ オンライン資格確認等を実施");
    }

    [Fact]
    public async Task A_clinic_without_online_qualification_is_not_offered_that_checklist()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;

        var facility = await FacilityPage.CreateAsync(page, Names.Facility("診療所"), "診療所", onlineQualification: false);

        var titles = await facility.ChecklistTitlesAsync();
        Assert.Equal(["executive", "sysadmin", "staff"], titles.Select(t => AllLists.Single(k => CatalogFile.Load(k).Title == t)));
        await Expect(page.Locator("main p.muted").First).Not.ToContainTextAsync("オンライン資格確認");
        var options = await (await facility.NewRoundAsync("sysadmin")).OptionsAsync();
        Assert.DoesNotContain(options, o => o.Key == "online-qualification");
    }
}
