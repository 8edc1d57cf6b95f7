using System.Text;
using System.Text.RegularExpressions;

namespace Mamori.Printing;

/// <summary>
/// Japanese line breaking for print (JIS X 4051's 禁則, the simple push-out kind): a line may break between any
/// two Japanese characters, but never before a closing bracket, a 、。 or a small kana, never after an opening
/// bracket, and never inside a Latin word, a number, a date or a time, or a span the caller joined with
/// <see cref="Keep"/> (names). A unit wider than the line is the only thing ever cut.
/// </summary>
public static partial class LineBreaker
{
    /// <summary>Joins a span (a person's or a facility's name) so no line break falls inside it.</summary>
    public static string Keep(string text) => string.Join(WordJoiner, text.EnumerateRunes());

    /// <summary>The text as it is drawn: without the joiners <see cref="Keep"/> put in.</summary>
    public static string Visible(string text) => text.Replace(WordJoiner, "", StringComparison.Ordinal);

    public static IReadOnlyList<string> Break(string paragraph, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        double used = 0;
        void Emit()
        {
            lines.Add(line.ToString().TrimEnd(' '));
            line.Clear();
            used = 0;
        }
        foreach (var unit in Units(paragraph))
        {
            var space = unit == " ";
            if (space && line.Length == 0)
            {
                continue;
            }
            var w = measure(unit);
            if (used + w > width && line.Length > 0)
            {
                Emit();
                if (space)
                {
                    continue;
                }
            }
            if (w > width)
            {
                foreach (var rune in unit.EnumerateRunes())
                {
                    var rw = measure(rune.ToString());
                    if (used + rw > width && line.Length > 0)
                    {
                        Emit();
                    }
                    line.Append(rune.ToString());
                    used += rw;
                }
                continue;
            }
            line.Append(unit);
            used += w;
        }
        Emit();
        return lines;
    }

    /// <summary>The pieces no break may fall inside, in order; joined they give the visible text.</summary>
    internal static IEnumerable<string> Units(string paragraph)
    {
        var runes = new List<string>();
        var glued = new List<bool>(); // glued[i]: no break between runes[i] and runes[i + 1]
        foreach (var rune in paragraph.EnumerateRunes())
        {
            if (rune.Value == WordJoinerRune)
            {
                if (glued.Count > 0)
                {
                    glued[^1] = true;
                }
                continue;
            }
            runes.Add(rune.ToString());
            glued.Add(false);
        }
        var text = string.Concat(runes);
        var starts = new int[runes.Count + 1]; // UTF-16 offset of each rune
        for (var i = 0; i < runes.Count; i++)
        {
            starts[i + 1] = starts[i] + runes[i].Length;
        }
        foreach (Match m in Unbreakable().Matches(text))
        {
            var first = Array.BinarySearch(starts, m.Index);
            var last = Array.BinarySearch(starts, m.Index + m.Length) - 1;
            for (var i = first; i < last; i++)
            {
                glued[i] = true;
            }
        }
        for (var i = 0; i < runes.Count; i++)
        {
            if (i > 0 && NoStart.Contains(runes[i], StringComparison.Ordinal))
            {
                glued[i - 1] = true;
            }
            if (i < runes.Count - 1 && NoEnd.Contains(runes[i], StringComparison.Ordinal))
            {
                glued[i] = true;
            }
        }
        var unit = new StringBuilder();
        for (var i = 0; i < runes.Count; i++)
        {
            unit.Append(runes[i]);
            if (!glued[i] || i == runes.Count - 1)
            {
                yield return unit.ToString();
                unit.Clear();
            }
        }
    }

    private const string WordJoiner = "\u2060";
    private const int WordJoinerRune = 0x2060;

    // JIS X 4051 行頭禁則: closing brackets, 、。 and their Latin kin, middle dots and colons, ！？, small kana, ー, 々 and the iteration marks.
    private const string NoStart = "、。，．,.）)］]｝}〕〉》」』】〙〗〟’”｠»・：；:;！？!?‼⁇⁈⁉ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ…‥〜～゠–—";

    // 行末禁則: opening brackets.
    private const string NoEnd = "（(［[｛{〔〈《「『【〘〖〝‘“｟«";

    // Latin words, numbers, URLs and addresses (any run of printable ASCII), dates in both calendars with their
    // weekday, and times.
    [GeneratedRegex(@"(?:(?:令和|平成|昭和)?(?:\d+|元)年)?\d+月\d+日(?:（[月火水木金土日]）)?|(?:令和|平成|昭和)?(?:\d+|元)年(?:\d+月)?|\d+時(?:\d+分)?|[!-~]+")]
    private static partial Regex Unbreakable();
}
