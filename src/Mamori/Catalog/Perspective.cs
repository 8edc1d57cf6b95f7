namespace Mamori.Catalog;

/// <summary>視点: the ministry's three angles on an item.</summary>
public enum Perspective
{
    Prevent,
    Detect,
    Correct,
}

public static class PerspectiveKeys
{
    public static string ToKey(this Perspective p) => p switch
    {
        Perspective.Prevent => "prevent",
        Perspective.Detect => "detect",
        Perspective.Correct => "correct",
    };

    public static string ToJapanese(this Perspective p) => p switch
    {
        Perspective.Prevent => "予防",
        Perspective.Detect => "発見",
        Perspective.Correct => "是正",
    };

    public static Perspective? Parse(string? key) => key switch
    {
        null => null,
        "prevent" => Perspective.Prevent,
        "detect" => Perspective.Detect,
        "correct" => Perspective.Correct,
        _ => throw new InvalidDataException($"Unknown perspective '{key}'."),
    };
}
