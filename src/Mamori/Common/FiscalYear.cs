namespace Mamori.Common;

/// <summary>
/// The Japanese fiscal year (年度), April to March, named by the calendar year it starts in: 2026 = 令和8年度,
/// 2026-04-01 … 2027-03-31. The yearly checklists are answered, and their 目標日 set, within one.
/// </summary>
public static class FiscalYear
{
    public static int Of(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    public static DateOnly Start(int year) => new(year, 4, 1);

    public static DateOnly End(int year) => new(year + 1, 3, 31);

    public static bool Contains(int year, DateOnly day) => day >= Start(year) && day <= End(year);

    /// <summary>令和8年度 (2019 = 令和元年度).</summary>
    public static string Name(int year) => year - 2018 is var reiwa and >= 1 ? (reiwa == 1 ? "令和元年度" : $"令和{reiwa}年度") : $"{year}年度";

    /// <summary>FY2026 for the English pages.</summary>
    public static string NameEn(int year) => $"FY{year}";
}
