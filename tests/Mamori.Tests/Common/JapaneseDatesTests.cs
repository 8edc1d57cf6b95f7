using Microsoft.Extensions.Time.Testing;
using Mamori.Common;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Common;

public sealed class JapaneseDatesTests
{
    [Theory]
    [InlineData(2026, 11, 24, "令和8年11月24日")]
    [InlineData(2021, 10, 20, "令和3年10月20日")]
    // The first year of an era is 元年 in Japanese writing, never 1年.
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2019, 12, 31, "令和元年12月31日")]
    [InlineData(2020, 1, 1, "令和2年1月1日")]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    public void Wareki_writes_the_era_year_as_Japanese_users_read_it(int year, int month, int day, string expected) =>
        Assert.Equal(expected, JapaneseDates.Wareki(new DateOnly(year, month, day)));

    [Theory]
    [InlineData(2026, 11, 24, "2026年11月24日（令和8年）")]
    [InlineData(2019, 5, 1, "2019年5月1日（令和元年）")]
    [InlineData(2019, 4, 30, "2019年4月30日（平成31年）")]
    public void Long_puts_the_era_year_beside_the_Gregorian_date(int year, int month, int day, string expected) =>
        Assert.Equal(expected, JapaneseDates.Long(new DateOnly(year, month, day)));

    [Theory]
    [InlineData("2026-11-23T14:59:59Z", "2026-11-23")]
    [InlineData("2026-11-23T15:00:00Z", "2026-11-24")]
    [InlineData("2026-12-31T15:00:00Z", "2027-01-01")]
    public void Today_changes_at_midnight_in_Japan_not_at_midnight_UTC(string utc, string expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), JapaneseDates.TodayInJst(clock));
    }

    [Theory]
    // A campaign closing "at the end of 12/16" is stored as 12/17 00:00 JST (12/16 15:00 UTC): it covers 12/16.
    [InlineData("2026-12-16T15:00:00Z", "2026年12月16日（令和8年）まで")]
    [InlineData("2026-12-16T08:30:00Z", "2026年12月16日（令和8年）17:30まで")]
    // The end of 令和8年3月31日 is the next era year's first instant, still shown as the 31st.
    [InlineData("2027-03-31T15:00:00Z", "2027年3月31日（令和9年）まで")]
    public void A_deadline_shows_the_last_day_it_covers_not_the_next_midnight(string utc, string expected) =>
        Assert.Equal(expected, JapaneseDates.Until(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_period_of_whole_days_shows_only_its_days_and_a_moment_carries_its_time()
    {
        var opens = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(9));
        var closes = new DateTimeOffset(2026, 12, 17, 0, 0, 0, TimeSpan.FromHours(9));
        Assert.Equal("2026年12月2日（令和8年） 〜 2026年12月16日（令和8年）まで", JapaneseDates.Period(opens, closes));
        Assert.Equal("2026年12月2日（令和8年）09:30 〜 2026年12月16日（令和8年）まで", JapaneseDates.Period(opens.AddMinutes(570), closes));
        Assert.Equal("2026年12月2日（令和8年）00:05", JapaneseDates.Moment(opens.AddMinutes(5)));
    }

    [Fact]
    public void Change_times_are_shown_in_JST()
    {
        var utc = new DateTimeOffset(2026, 11, 23, 15, 5, 0, TimeSpan.Zero);
        Assert.Equal("2026-11-24 00:05", JapaneseDates.DateTime(utc));
        Assert.Equal(TimeSpan.FromHours(9), JapaneseDates.ToJst(utc).Offset);
    }

    [Theory]
    [InlineData("2026-11-24", true)]
    [InlineData("2024-02-29", true)]
    [InlineData("2026-02-29", false)]
    [InlineData("2026-13-01", false)]
    [InlineData("2026/11/24", false)]
    [InlineData("24-11-2026", false)]
    [InlineData("2026-11-24T00:00:00", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_ISO_calendar_dates_parse(string? text, bool valid)
    {
        Assert.Equal(valid, JapaneseDates.TryParseIso(text, out var date));
        if (valid)
        {
            Assert.Equal(text, JapaneseDates.Iso(date));
        }
    }
}
