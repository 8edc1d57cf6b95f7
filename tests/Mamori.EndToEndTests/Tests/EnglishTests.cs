using System.Xml.Linq;
using Mamori.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Flow 11: the language link switches the UI to English.</summary>
public sealed class EnglishTests(MamoriApp app)
{
    private static readonly string Resources = Path.Combine(RepoPaths.Root, "src", "Mamori.Web", "Resources", "SharedResource.en.resx");

    [Fact]
    public async Task The_language_link_switches_the_home_page_to_english()
    {
        Assert.True(File.Exists(Resources), $"The English resources ({Path.GetRelativePath(RepoPaths.Root, Resources)}) are missing.");
        // What the page should say, from the resource file itself.
        var english = XDocument.Load(Resources).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => ((string?)d.Element("value") ?? "").Trim());
        string En(string japanese) => english.TryGetValue(japanese, out var e) && e.Length > 0
            ? e
            : throw new InvalidOperationException($"{Resources} has no English for 「{japanese}」.");

        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync(En("医療機関"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = En("サインアウト") })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "日本語" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "home-english");

        // And back.
        await page.GetByRole(AriaRole.Link, new() { Name = "日本語" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Expect(page.Locator("h1")).ToHaveTextAsync("医療機関");
    }
}
