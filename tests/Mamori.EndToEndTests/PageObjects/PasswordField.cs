using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

public static class PasswordField
{
    /// <summary>What the field's description says (aria-describedby), as a screen reader reads it beside the field.</summary>
    public static async Task<string> RulesAsync(ILocator field)
    {
        var ids = (await field.GetAttributeAsync("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var texts = new List<string>();
        foreach (var id in ids)
        {
            texts.Add(await field.Page.Locator($"[id='{id}']").InnerTextAsync());
        }
        return string.Join("\n", texts);
    }
}
