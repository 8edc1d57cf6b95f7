using Mamori.Incidents;

namespace Mamori.Tests.Incidents;

/// <summary>The reporting clocks, by hand: the day of awareness is not counted and days end at midnight in Japan.</summary>
public sealed class DeadlineTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private static Incident Aware(DateTimeOffset awareAt, bool? signs = null, bool improper = false)
    {
        var incident = new Incident { CatalogId = "mhlw-2021-10", Title = "t", DetectedAt = awareAt.AddHours(-1), ReportedAt = awareAt };
        incident.Confirm("管理 一郎", awareAt);
        if (signs is { } s)
        {
            incident.Decide(s, "根拠", "管理 一郎", awareAt);
        }
        incident.PersonalDataAwareAt = awareAt;
        incident.ImproperPurposeSuspected = improper;
        return incident;
    }

    private static Deadline Of(IReadOnlyList<Deadline> list, DeadlineKind kind) => list.Single(d => d.Kind == kind);

    [Fact]
    public void Final_report_is_due_at_the_end_of_the_30th_day_in_Japan()
    {
        // Aware 2026-11-24 10:00 JST: day 1 is 11/25, day 30 is 12/24, due 12/25 00:00 JST = 12/24 15:00 UTC.
        var incident = Aware(new DateTimeOffset(2026, 11, 24, 10, 0, 0, Jst));
        var list = Deadlines.Compute(incident, [], new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 15, 0, 0, TimeSpan.Zero), Of(list, DeadlineKind.PpcFinal).DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero), Of(list, DeadlineKind.PpcPreliminary).DueAt);
        Assert.DoesNotContain(list, d => d.Kind == DeadlineKind.Mhlw);
        Assert.All(list, d => Assert.Equal(DeadlineStatus.Due, d.Status));
    }

    [Fact]
    public void Unauthorised_access_gives_60_days()
    {
        var explicitSuspicion = Aware(new DateTimeOffset(2026, 11, 24, 10, 0, 0, Jst), improper: true);
        Assert.Equal(new DateTimeOffset(2027, 1, 23, 15, 0, 0, TimeSpan.Zero),
            Of(Deadlines.Compute(explicitSuspicion, [], DateTimeOffset.MinValue), DeadlineKind.PpcFinal).DueAt);

        // Signs of a cyberattack at 2-1 (ransomware) count as an improper purpose too.
        var attack = Aware(new DateTimeOffset(2026, 11, 24, 10, 0, 0, Jst), signs: true);
        var list = Deadlines.Compute(attack, [], DateTimeOffset.MinValue);
        Assert.Equal(new DateTimeOffset(2027, 1, 23, 15, 0, 0, TimeSpan.Zero), Of(list, DeadlineKind.PpcFinal).DueAt);
        Assert.Contains("60日", Of(list, DeadlineKind.PpcFinal).Basis);
    }

    [Fact]
    public void Awareness_just_after_midnight_in_Japan_counts_from_the_Japanese_date_not_the_UTC_one()
    {
        // 2026-11-25 00:30 JST is still 11-24 in UTC: the Japanese date (11/25) is the day not counted.
        var afterMidnight = Aware(new DateTimeOffset(2026, 11, 24, 15, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 12, 25, 15, 0, 0, TimeSpan.Zero), Of(Deadlines.Compute(afterMidnight, [], DateTimeOffset.MinValue), DeadlineKind.PpcFinal).DueAt);

        // 23:59 JST on 11/24 is the same Japanese day as 10:00 that morning.
        var beforeMidnight = Aware(new DateTimeOffset(2026, 11, 24, 23, 59, 0, Jst));
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 15, 0, 0, TimeSpan.Zero), Of(Deadlines.Compute(beforeMidnight, [], DateTimeOffset.MinValue), DeadlineKind.PpcFinal).DueAt);
    }

    [Fact]
    public void A_deadline_is_overdue_from_midnight_and_done_once_filed()
    {
        var incident = Aware(new DateTimeOffset(2026, 11, 24, 10, 0, 0, Jst));
        var due = new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(DeadlineStatus.Due, Of(Deadlines.Compute(incident, [], due.AddSeconds(-1)), DeadlineKind.PpcPreliminary).Status);
        Assert.Equal(DeadlineStatus.Overdue, Of(Deadlines.Compute(incident, [], due), DeadlineKind.PpcPreliminary).Status);
        var filed = new IncidentFiling { Kind = DeadlineKind.PpcPreliminary, At = due.AddDays(1), By = "経営 太郎" };
        var done = Of(Deadlines.Compute(incident, [filed], due.AddDays(2)), DeadlineKind.PpcPreliminary);
        Assert.Equal(DeadlineStatus.Done, done.Status);
        Assert.Equal(filed.At, done.FiledAt);
    }

    [Fact]
    public void The_ministry_is_due_at_once_when_an_attack_is_suspected_and_the_police_by_the_executives_date()
    {
        var decided = new DateTimeOffset(2026, 11, 24, 10, 0, 0, Jst);
        var incident = new Incident { CatalogId = "mhlw-2021-10", Title = "t", DetectedAt = decided, ReportedAt = decided };
        incident.Confirm("管理 一郎", decided);
        Assert.Empty(Deadlines.Compute(incident, [], decided));
        incident.Decide(true, "暗号化されたファイルと脅迫文", "管理 一郎", decided);
        incident.PoliceDueOn = new DateOnly(2026, 11, 26);
        var list = Deadlines.Compute(incident, [], decided.AddMinutes(1));
        Assert.Equal(decided, Of(list, DeadlineKind.Mhlw).DueAt);
        // Due at once: "now", the moment after the decision and a day later alike, never "overdue".
        Assert.Equal(DeadlineStatus.Now, Of(list, DeadlineKind.Mhlw).Status);
        Assert.Equal(DeadlineStatus.Now, Of(Deadlines.Compute(incident, [], decided.AddDays(1)), DeadlineKind.Mhlw).Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero), Of(list, DeadlineKind.Police).DueAt);
        Assert.Equal(["mhlw", "police"], list.Select(d => d.Key));
    }
}
