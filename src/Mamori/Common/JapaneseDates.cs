using System.Globalization;

namespace Mamori.Common;

/// <summary>Dates are stored in UTC and shown in Japan Standard Time, with the 和暦 era where Japanese users expect it.</summary>
public static class JapaneseDates
{
    public static readonly TimeZoneInfo Jst = FindJst();

    private static readonly CultureInfo WarekiCulture = CreateWarekiCulture();

    public static DateTimeOffset ToJst(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Jst);

    public static DateOnly TodayInJst(TimeProvider clock) => DateOnly.FromDateTime(ToJst(clock.GetUtcNow()).DateTime);

    /// <summary>令和8年11月24日</summary>
    public static string Wareki(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToString("ggy年M月d日", WarekiCulture);

    /// <summary>2026年11月24日（令和8年）</summary>
    public static string Long(DateOnly date) =>
        $"{date.Year}年{date.Month}月{date.Day}日（{date.ToDateTime(TimeOnly.MinValue).ToString("ggy年", WarekiCulture)}）";

    /// <summary>2026-11-24 13:05 (JST), for change histories.</summary>
    public static string DateTime(DateTimeOffset utc) => ToJst(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

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
