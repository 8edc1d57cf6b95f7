namespace Mamori.EndToEndTests.PageObjects;

/// <summary>The チェック欄: ○ (yes) or × (no); unanswered is a null Mark.</summary>
public enum Mark
{
    Yes,
    No,
}

public static class MarkExtensions
{
    public static string ToValue(this Mark mark) => mark switch
    {
        Mark.Yes => "yes",
        Mark.No => "no",
    };

    public static string ToSymbol(this Mark mark) => mark switch
    {
        Mark.Yes => "○",
        Mark.No => "×",
    };

    public static Mark? Parse(string? value) => value switch
    {
        "yes" => Mark.Yes,
        "no" => Mark.No,
        null or "" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };
}
