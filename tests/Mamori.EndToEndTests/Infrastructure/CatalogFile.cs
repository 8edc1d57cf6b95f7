using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mamori.EndToEndTests.Infrastructure;

public sealed record CatalogItem(int Number, string? Perspective, string Text);

public sealed record CatalogList(string Key, string Title, IReadOnlyList<CatalogItem> Items);

/// <summary>
/// The checklist as the ministry wrote it, read straight from catalog/ — the tests compute what the pages should show
/// from the data, not from the app's code.
/// </summary>
public static partial class CatalogFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CatalogList Load(string key) =>
        JsonSerializer.Deserialize<CatalogList>(File.ReadAllText(Path.Combine(RepoPaths.Catalog, key + ".json")), Json)
        ?? throw new InvalidDataException($"Empty catalog file for {key}.");

    /// <summary>Item text without layout: list markers (・) and all whitespace dropped, to compare with what a page shows.</summary>
    public static string Comparable(string text) =>
        Whitespace().Replace(string.Join("", text.Split('\n').Select(l => l.Trim().TrimStart('・'))), "");

    /// <summary>Item text on one line, its lines (bullets included) joined by a space: how flat exports carry it.</summary>
    public static string OneLine(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string WithoutWhitespace(string text) => Whitespace().Replace(text, "");

    /// <summary>The ministry's 割合: percent with one decimal, rounded half away from zero; "-" with no items.</summary>
    public static string Ratio(int yes, int total) =>
        total == 0 ? "-" : Math.Round(yes * 100m / total, 1, MidpointRounding.AwayFromZero).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static string PerspectiveLabel(string key) => key switch
    {
        "prevent" => "予防",
        "detect" => "発見",
        "correct" => "是正",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    public static IReadOnlyList<string> PerspectiveKeys { get; } = ["prevent", "detect", "correct"];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
