using System.Text.Json;

namespace Mamori.Floor;

public sealed record Row(int Number, string? Perspective, string Text, string Value, int Revision, string? Memo);

/// <summary>The catalog's checklists by key, each item answered as in a round in progress.</summary>
public sealed class Checklists(IReadOnlyDictionary<string, IReadOnlyList<Row>> lists)
{
    public IReadOnlyList<Row>? Find(string key) => lists.GetValueOrDefault(key);

    public static Checklists Read(string catalogDirectory) => new(Directory.GetFiles(catalogDirectory, "*.json")
        .Select(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement)
        .Where(list => list.TryGetProperty("items", out _))
        .ToDictionary(list => list.GetProperty("key").GetString()!, list => (IReadOnlyList<Row>)list.GetProperty("items").EnumerateArray().Select(ToRow).ToList()));

    private static Row ToRow(JsonElement item)
    {
        var n = item.GetProperty("number").GetInt32();
        var perspective = item.TryGetProperty("perspective", out var p) ? p.GetString() switch { "detect" => "発見", "correct" => "是正", "prevent" => "予防", _ => null } : null;
        return new Row(n, perspective, item.GetProperty("text").GetString()!, (n % 3) switch { 0 => "yes", 1 => "no", _ => "" }, n, n % 7 == 0 ? "メモ" : null);
    }
}
