using System.Globalization;
using Mamori.Common;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Dates and times as every page shows them, in the page's language: the Japanese UI writes the Gregorian date
/// with its 和暦 year beside it (as the ministry's forms and the rounds do), the English UI one plain style. Times
/// are Japan time in both. Input values and files read by programs keep ISO (<see cref="JapaneseDates.Iso"/>).
/// </summary>
public static class ShownDates
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static bool InEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>2026年12月2日（令和8年） / 2 Dec 2026.</summary>
    public static string Day(DateOnly day) => InEnglish ? day.ToString("d MMM yyyy", English) : JapaneseDates.Long(day);

    /// <summary>2026年12月2日（令和8年）13:05 / 2 Dec 2026 13:05.</summary>
    public static string Moment(DateTimeOffset utc) =>
        !InEnglish ? JapaneseDates.Moment(utc) : JapaneseDates.InJapan(utc) is { } jst ? jst.ToString("d MMM yyyy HH:mm", English) : JapaneseDates.DateTime(utc);

    public static string Moment(DateTimeOffset? utc) => utc is { } at ? Moment(at) : "—";

    /// <summary>The last moment a deadline covers: 2026年12月16日（令和8年）まで / 16 Dec 2026 23:59 (see <see cref="JapaneseDates.Until"/>).</summary>
    public static string Until(DateTimeOffset end)
    {
        if (!InEnglish)
        {
            return JapaneseDates.Until(end);
        }
        return JapaneseDates.InJapan(end) is { } jst
            ? (jst.TimeOfDay == TimeSpan.Zero ? jst.AddMinutes(-1) : jst).ToString("d MMM yyyy HH:mm", English)
            : JapaneseDates.DateTime(end);
    }

    /// <summary>A period of whole days shows only its days; otherwise from the first moment to the last one covered.</summary>
    public static string Period(DateTimeOffset start, DateTimeOffset end)
    {
        if (!InEnglish)
        {
            return JapaneseDates.Period(start, end);
        }
        var first = JapaneseDates.InJapan(start) is { TimeOfDay.Ticks: 0 } jst ? Day(DateOnly.FromDateTime(jst.DateTime)) : Moment(start);
        return $"{first} – {Until(end)}";
    }
}
