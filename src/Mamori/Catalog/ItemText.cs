namespace Mamori.Catalog;

public enum TextBlockKind
{
    Paragraph,
    Bullets,
    Lettered,
}

public sealed record TextBlock(TextBlockKind Kind, IReadOnlyList<string> Lines);

/// <summary>
/// Item texts keep the ministry's structure with one line per part: "・" starts a bullet, "a. " a lettered
/// sub-item, anything else is a sentence. Consecutive lines of one kind form one list.
/// </summary>
public static class ItemText
{
    public static IReadOnlyList<TextBlock> Parse(string text)
    {
        var blocks = new List<TextBlock>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var (kind, content) = Classify(line);
            if (kind != TextBlockKind.Paragraph && blocks.Count > 0 && blocks[^1].Kind == kind)
            {
                ((List<string>)blocks[^1].Lines).Add(content);
            }
            else
            {
                blocks.Add(new TextBlock(kind, new List<string> { content }));
            }
        }
        return blocks;
    }

    /// <summary>The text on one line, for CSV cells and other flat outputs; list markers stay visible.</summary>
    public static string Flatten(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static (TextBlockKind, string) Classify(string line)
    {
        if (line.StartsWith('・'))
        {
            return (TextBlockKind.Bullets, line[1..].Trim());
        }
        if (line.Length > 3 && line[0] is >= 'a' and <= 'z' && line[1] == '.' && line[2] == ' ')
        {
            return (TextBlockKind.Lettered, line);
        }
        return (TextBlockKind.Paragraph, line);
    }
}
