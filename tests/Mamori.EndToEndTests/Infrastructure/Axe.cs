using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.Infrastructure;

public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets)
{
    public bool IsSeriousOrWorse => Impact is "serious" or "critical";

    public override string ToString() =>
        $"{Id} [{Impact}] {Help} ({HelpUrl})\n      at: {string.Join("\n          ", Targets)}";
}

/// <summary>axe-core from the test project's node_modules (pinned in package-lock.json), run in the page under test.</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(RepoPaths.AxeScript()));

    private const string Run = """
        async () => {
          const results = await axe.run(document, { resultTypes: ['violations'] });
          return results.violations.map(v => ({
            id: v.id,
            impact: v.impact || '',
            help: v.help,
            helpUrl: v.helpUrl,
            targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ') : '')),
          }));
        }
        """;

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated rather than added as a <script> tag, so a Content-Security-Policy against inline scripts cannot block it.
            await page.EvaluateAsync(Source.Value);
        }
        var json = await page.EvaluateAsync<JsonElement>(Run);
        return json.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            v.GetProperty("helpUrl").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }

    public static string Describe(string pageName, IEnumerable<AxeViolation> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.Append("  ").Append(pageName).Append(": ").AppendLine(v.ToString());
        }
        return text.ToString();
    }
}
