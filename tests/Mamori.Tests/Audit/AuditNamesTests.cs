using System.Text.RegularExpressions;
using Mamori.Audit;

namespace Mamori.Tests.Audit;

/// <summary>Every action code the sources record has a Japanese and an English name, so the access log never shows a raw code.</summary>
public sealed partial class AuditNamesTests
{
    // Dotted literals that are not actions: cookie names, the database file, a settings key.
    private static readonly string[] NotActions = ["mamori.auth", "mamori.csrf", "mamori.db", "campaigns.public-base-url"];

    // Actions without a dot, passed as literals to the audit calls.
    private static readonly string[] PlainActions = ["sign-in", "sign-out", "reauthenticate"];

    [Fact]
    public void Every_action_code_in_the_sources_has_a_name_in_both_languages()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var codes = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("AuditNames.cs", StringComparison.Ordinal))
            .SelectMany(f => Dotted().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Concat(PlainActions).Except(NotActions).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(codes.Count > 80, $"only {codes.Count} codes found: is the source scan still finding them?");
        var missing = codes.Where(c => !AuditNames.Actions.ContainsKey(c)).ToList();
        Assert.True(missing.Count == 0, "Action codes without a name in AuditNames.Actions:\n" + string.Join("\n", missing));
        Assert.All(AuditNames.Actions, a => Assert.False(string.IsNullOrWhiteSpace(a.Value.Ja) || string.IsNullOrWhiteSpace(a.Value.En) || a.Value.En.Any(c => c > 0x2FFF), a.Key));
        Assert.Equal("アクセスログの閲覧", AuditNames.Action("audit.view"));
        Assert.Equal("成功", AuditNames.Result(AuditResult.Success));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Mamori.slnx not found above the test assembly.");
    }

    [GeneratedRegex("\"([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)\"")]
    private static partial Regex Dotted();
}
