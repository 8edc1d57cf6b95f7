using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mamori.Tests.Fixtures;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Mamori.Tests.Web;

/// <summary>
/// Every refusal the app can answer with has English: the messages thrown in src/ (plain and composite formats), the
/// labels that fill them, Identity's messages, the problem titles. A message whose values are baked in (an interpolated
/// string) could never be found by its key, so those fail here too.
/// </summary>
public sealed partial class RefusalTranslationTests
{
    private const string Literal = """((?:[^"\\]|\\.)*)""";

    private static readonly Regex[] MessagePatterns =
    [
        // throw new ConflictException("…"), new InvalidInputException("…{0}…", [x], "field"), ? new ForbiddenException("…") : …
        new($"""(?:InvalidInput|NotFound|Forbidden|Conflict|Gone|TooLarge)Exception\(\s*"{Literal}" """.TrimEnd()),
        new($"""new MessageText\(\s*"{Literal}" """.TrimEnd()),
        // JapaneseIdentityErrors.Error(nameof(PasswordTooShort), "…") and the guideline validator's Error("PasswordMix", "…")
        new($"""Error\((?:nameof\(\w+\)|"\w+"),\s*"{Literal}" """.TrimEnd()),
        // Labels: Text.Required(value, max, "field", "件名"), ParseMoment(text, "field", "収集日時"), Pick(…, "field", "部門")
        new($"""(?:Text\.(?:Required|Optional)|ParseMoment|Pick)\([^;]*?"[\w.-]+",\s*"{Literal}" """.TrimEnd()),
        new($"""(?:Check|RequireReason)\([^;]*?,\s*"{Literal}"\) """.TrimEnd()),
        // Problems written directly: ProblemResponses.WriteAsync(Context, 401, "…"), the API's NotFound("…")
        new($"""WriteAsync\(Context,[^,]+,\s*"{Literal}" """.TrimEnd()),
        new($"""\bNotFound\("{Literal}"\)"""),
    ];

    [GeneratedRegex("""(?:InvalidInput|NotFound|Forbidden|Conflict|Gone|TooLarge)Exception\(\s*\$""")]
    private static partial Regex InterpolatedRefusal();

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Mamori.slnx not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<(string File, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains(".Migrations.", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(RepoRoot(), f), File.ReadAllText(f)));

    internal static Dictionary<string, string?> English() =>
        XDocument.Load(Path.Combine(RepoRoot(), "src", "Mamori.Web", "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));

    private static string Unescape(string literal) => Regex.Unescape(literal.Replace("\\\"", "\"", StringComparison.Ordinal));

    /// <summary>The Japanese texts a refusal can show: found in the sources, plus the fixed ones ProblemResponses holds.</summary>
    internal static IReadOnlyList<(string Where, string Key)> RefusalKeys()
    {
        var found = SourceFiles()
            .SelectMany(f => MessagePatterns.SelectMany(p => p.Matches(f.Text)).Select(m => (Where: f.Item1, Key: Unescape(m.Groups[1].Value))))
            .Where(x => ApiCalls.IsJapanese(x.Key));
        var fixedTexts = Enumerable.Range(400, 200).Select(ProblemResponses.TitleFor)
            .Append(ProblemResponses.Classify(new JsonException()).Message)
            .Append(ProblemResponses.Classify(new BadHttpRequestException("bad", 400)).Message)
            .Select(t => (Where: "ProblemResponses", Key: t));
        return [.. found.Concat(fixedTexts).DistinctBy(x => x.Key)];
    }

    [Fact]
    public void The_scan_finds_the_refusals_it_is_meant_to_find()
    {
        var keys = RefusalKeys().Select(k => k.Key).ToHashSet();
        // One of each shape, so a pattern that silently stops matching fails here rather than passing with nothing to check.
        Assert.Contains("項目番号 {0} はこのチェックリストにありません。", keys);
        Assert.Contains("この回は完了済みのため変更できません。変更するには理由を記入して再開してください。", keys);
        Assert.Contains("{0}は{1}文字以内で入力してください。", keys);
        Assert.Contains("パスワードは{0}文字以上にしてください。", keys);
        Assert.Contains("項目{0}", keys);
        Assert.Contains("収集日時", keys);
        Assert.Contains("証拠ファイル", keys);
        Assert.Contains("入力内容に誤りがあります。", keys);
        Assert.True(keys.Count > 200, $"only {keys.Count} refusal texts found");
    }

    [Fact]
    public void Every_refusal_message_and_title_has_an_English_translation()
    {
        var english = English();
        var missing = RefusalKeys()
            .Where(x => !english.TryGetValue(x.Key, out var value) || string.IsNullOrWhiteSpace(value))
            .Select(x => $"{x.Where}: {x.Key}").Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} refusal texts without English in SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Translations_keep_the_values_of_their_format()
    {
        var english = English();
        var wrong = RefusalKeys()
            .Where(x => english.TryGetValue(x.Key, out var value) && value is not null && !SamePlaceholders(x.Key, value))
            .Select(x => $"{x.Key} -> {english[x.Key]}").ToList();
        Assert.True(wrong.Count == 0, "Translations whose {n} differ from the Japanese:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void No_refusal_bakes_its_values_into_the_message()
    {
        var interpolated = SourceFiles()
            .SelectMany(f => f.Text.Split('\n').Select((line, i) => (f.Item1, Line: i + 1, Text: line)))
            .Where(l => InterpolatedRefusal().IsMatch(l.Text))
            .Select(l => $"{l.Item1}:{l.Line}: {l.Text.Trim()}").ToList();
        Assert.True(interpolated.Count == 0,
            "Interpolated refusal messages (use the format overload, e.g. new ConflictException(\"項目{0}…\", [number])):\n" + string.Join("\n", interpolated));
    }

    private static bool SamePlaceholders(string japanese, string english) =>
        Placeholder().Matches(japanese).Select(m => m.Groups[1].Value).Order().SequenceEqual(Placeholder().Matches(english).Select(m => m.Groups[1].Value).Order());
}
