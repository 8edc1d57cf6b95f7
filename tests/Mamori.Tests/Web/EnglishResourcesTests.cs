using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Mamori.Tests.Web;

/// <summary>English is available for every screen: each literal L["…"] key in the pages has an English entry.</summary>
public sealed partial class EnglishResourcesTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Mamori.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"\]""")]
    private static partial Regex LiteralKey();

    [Fact]
    public void Every_literal_key_in_the_pages_has_an_English_translation()
    {
        var web = Path.Combine(RepoRoot(), "src", "Mamori.Web");
        var english = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));
        var missing = Directory.EnumerateFiles(Path.Combine(web, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(x => !english.TryGetValue(x.Key, out var value) || string.IsNullOrWhiteSpace(value))
            .Select(x => $"{x.File}: {x.Key}").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Keys without English in SharedResource.en.resx:\n" + string.Join("\n", missing));
    }
}
