using System.Globalization;

namespace Mamori.Common;

/// <summary>Dates are stored in UTC and shown in Japan Standard Time, with the 和暦 era where Japanese users expect it.</summary>
public static class JapaneseDates
{
    public static readonly TimeZoneInfo Jst = FindJst();

    private static readonly CultureInfo WarekiCulture = CreateWarekiCulture();

    public static DateTimeOffset ToJst(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Jst);

    public static DateOnly TodayInJst(TimeProvider clock) => DateOnly.FromDateTime(ToJst(clock.GetUtcNow()).DateTime);

    /// <summary>令和8年11月24日; a date before the era calendar's first day (1868-09-08) in the Gregorian form.</summary>
    public static string Wareki(DateOnly date) =>
        HasEra(date) ? date.ToDateTime(TimeOnly.MinValue).ToString("ggy年M月d日", WarekiCulture) : Gregorian(date);

    /// <summary>2026年11月24日（令和8年）; before the era calendar, the Gregorian date alone.</summary>
    public static string Long(DateOnly date) =>
        HasEra(date) ? $"{Gregorian(date)}（{date.ToDateTime(TimeOnly.MinValue).ToString("ggy年", WarekiCulture)}）" : Gregorian(date);

    // New input is held to 1900-2100 (InputDates), but a date stored before that rule must still show, never throw:
    // JapaneseCalendar throws outside its range, which took down every page and the binder that showed such a date.
    private static bool HasEra(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return day >= WarekiCulture.DateTimeFormat.Calendar.MinSupportedDateTime && day <= WarekiCulture.DateTimeFormat.Calendar.MaxSupportedDateTime;
    }

    private static string Gregorian(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>2026年11月24日（令和8年）13:05 (JST): a moment, the way every Japanese page and print shows one.</summary>
    public static string Moment(DateTimeOffset utc) =>
        InJapan(utc) is { } jst ? $"{Long(DateOnly.FromDateTime(jst.DateTime))}{jst:HH:mm}" : DateTime(utc);

    /// <summary>
    /// The last moment a deadline or a period covers. A deadline is stored as the instant it passes, which for "until
    /// the end of 12/16" is 12/17 00:00: shown as 「2026年12月16日（令和8年）まで」, never as the next day's midnight.
    /// </summary>
    public static string Until(DateTimeOffset end) =>
        InJapan(end) is { } jst
            ? jst.TimeOfDay == TimeSpan.Zero ? $"{Long(DateOnly.FromDateTime(jst.DateTime).AddDays(-1))}まで" : $"{Moment(end)}まで"
            : DateTime(end);

    /// <summary>「2026年12月2日（令和8年）〜 2026年12月16日（令和8年）まで」: a period of whole days shows only its days.</summary>
    public static string Period(DateTimeOffset start, DateTimeOffset end) =>
        InJapan(start) is { } jst && jst.TimeOfDay == TimeSpan.Zero
            ? $"{Long(DateOnly.FromDateTime(jst.DateTime))} 〜 {Until(end)}"
            : $"{Moment(start)} 〜 {Until(end)}";

    /// <summary>The moment in Japan time; null for the last hours of year 9999, which have none.</summary>
    public static DateTimeOffset? InJapan(DateTimeOffset utc) =>
        utc.UtcDateTime > System.DateTime.MaxValue.AddHours(-10) || utc.UtcDateTime < System.DateTime.MinValue.AddHours(10) ? null : ToJst(utc);

    /// <summary>2026-11-24 13:05 (JST), for files read by programs (CSV) and the access log's fixed-width lines.</summary>
    public static string DateTime(DateTimeOffset utc) =>
        // The last hours of year 9999 have no Japan time; such a stored value shows in UTC rather than failing the page.
        (utc.UtcDateTime > System.DateTime.MaxValue.AddHours(-10) ? utc.ToUniversalTime() : ToJst(utc)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParseIso(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static CultureInfo CreateWarekiCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return culture;
    }

    private static TimeZoneInfo FindJst()
    {
        // Both ids exist on Linux with ICU; Windows hosts know only the second.
        foreach (var id in new[] { "Asia/Tokyo", "Tokyo Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }
        // Japan has had no daylight saving since 1951, so a fixed offset is exact.
        return TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "JST", "JST");
    }
}
