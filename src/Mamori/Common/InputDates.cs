namespace Mamori.Common;

/// <summary>
/// The one range every typed date must fall in, pages, API and CLI alike. Outside it a date is a typo or a probe, and
/// it would break what reads it later: the 和暦 calendar starts in 1868, and a moment near year 1 or 9999 cannot be
/// moved to UTC or Japan time.
/// </summary>
public static class InputDates
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2100, 12, 31);

    public static bool InRange(DateOnly date) => date >= First && date <= Last;

    public static DateOnly Check(DateOnly date, string field) =>
        InRange(date) ? date : throw new InvalidInputException("日付は1900年から2100年の間で入力してください。", field);

    public static DateOnly? Check(DateOnly? date, string field) => date is { } d ? Check(d, field) : null;

    /// <summary>A moment is checked by its UTC day: safe to read for any value, and a day either side makes no difference here.</summary>
    public static DateTimeOffset Check(DateTimeOffset at, string field)
    {
        Check(DateOnly.FromDateTime(at.UtcDateTime), field);
        return at;
    }

    public static DateTimeOffset? Check(DateTimeOffset? at, string field) => at is { } a ? Check(a, field) : null;

    /// <summary>
    /// Before a moment as typed is parsed: its leading YYYY-MM-DD must be in range, so building the moment in Japan
    /// time or UTC cannot fall off either end of the date type.
    /// </summary>
    public static void CheckTypedDay(string? text, string field)
    {
        if (text is { Length: >= 10 } && JapaneseDates.TryParseIso(text[..10], out var day))
        {
            Check(day, field);
        }
    }

    /// <summary>A YYYY-MM-DD field: blank is null; text that is not a date gets <paramref name="invalid"/>, a date out of range the range message.</summary>
    public static DateOnly? ParseDay(string? text, string field, MessageText invalid)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return JapaneseDates.TryParseIso(text.Trim(), out var day) ? Check(day, field) : throw new InvalidInputException(invalid, field);
    }
}
