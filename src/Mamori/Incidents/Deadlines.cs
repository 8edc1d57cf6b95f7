using Mamori.Common;

namespace Mamori.Incidents;

public enum DeadlineKind
{
    /// <summary>厚生労働省 (2-13): at once when an attack is suspected.</summary>
    Mhlw,

    /// <summary>個人情報保護委員会 速報: promptly, about 3–5 days from awareness.</summary>
    PpcPreliminary,

    /// <summary>個人情報保護委員会 確報: 30 days, or 60 when an improper purpose such as unauthorised access is suspected.</summary>
    PpcFinal,

    /// <summary>Police (2-18): by the date the executives set.</summary>
    Police,
}

public enum DeadlineStatus
{
    Due,
    Overdue,
    Done,

    /// <summary>Due at once (the ministry contact, 2-13) and not yet made: not "overdue" a minute after the decision, but now.</summary>
    Now,
}

public sealed record Deadline(DeadlineKind Kind, DateTimeOffset DueAt, DeadlineStatus Status, string Basis, IncidentFiling? Filing)
{
    public string Key => Kind.ToKey();

    public DateTimeOffset? FiledAt => Filing?.At;
}

/// <summary>What the reporting deadlines depend on: a dashboard reads only these, not whole incidents.</summary>
public sealed record DeadlineFacts(bool? CyberattackSigns, DateTimeOffset? DecidedAt, DateTimeOffset? PersonalDataAwareAt, bool ImproperPurposeSuspected, DateOnly? PoliceDueOn)
{
    public static DeadlineFacts Of(Incident i) => new(i.CyberattackSigns, i.DecidedAt, i.PersonalDataAwareAt, i.ImproperPurposeSuspected, i.PoliceDueOn);
}

/// <summary>
/// The reporting clocks of an incident, computed from the record (never stored, so a corrected date moves
/// them). Day counts follow 民法第140条 (the day of awareness is not counted) and end at midnight in Japan,
/// whatever the server's time zone: 確報 for awareness on 11/24 (JST) is due at the end of 12/24 (JST).
/// </summary>
public static class Deadlines
{
    public const int PreliminaryTargetDays = 3;
    public const int PreliminaryDays = 5;
    public const int FinalDays = 30;
    public const int FinalDaysImproperPurpose = 60;

    public static IReadOnlyList<Deadline> Compute(Incident incident, IReadOnlyCollection<IncidentFiling> filings, DateTimeOffset now) =>
        Compute(DeadlineFacts.Of(incident), filings, now);

    public static IReadOnlyList<Deadline> Compute(DeadlineFacts incident, IReadOnlyCollection<IncidentFiling> filings, DateTimeOffset now)
    {
        var list = new List<Deadline>();
        if (incident.CyberattackSigns == true && incident.DecidedAt is { } decided)
        {
            list.Add(Make(DeadlineKind.Mhlw, decided, "サイバー攻撃（その可能性を含む）の兆候ありと判断した時点で直ちに連絡（2-13）", atOnce: true));
        }
        if (incident.PersonalDataAwareAt is { } aware)
        {
            var day = DayInJapan(aware);
            list.Add(Make(DeadlineKind.PpcPreliminary, EndOfDayInJapan(day.AddDays(PreliminaryDays)),
                $"漏えい等のおそれを知った日（{JapaneseDates.Long(day)}）から速やかに（目安3〜5日、{PreliminaryDays}日目の終わりまで）"));
            var improper = ImproperPurpose(incident);
            var days = improper ? FinalDaysImproperPurpose : FinalDays;
            list.Add(Make(DeadlineKind.PpcFinal, EndOfDayInJapan(day.AddDays(days)),
                $"漏えい等のおそれを知った日（{JapaneseDates.Long(day)}）の翌日から{days}日以内" + (improper ? "（不正アクセス等の不正の目的によるおそれ）" : "")));
        }
        if (incident.PoliceDueOn is { } policeDay)
        {
            list.Add(Make(DeadlineKind.Police, EndOfDayInJapan(policeDay), $"経営層が決めた届出期限（{JapaneseDates.Long(policeDay)}）"));
        }
        return list;

        Deadline Make(DeadlineKind kind, DateTimeOffset due, string basis, bool atOnce = false)
        {
            var filed = filings.Where(f => f.Kind == kind).OrderBy(f => f.At).FirstOrDefault();
            var status = filed is not null ? DeadlineStatus.Done : atOnce ? DeadlineStatus.Now : now >= due ? DeadlineStatus.Overdue : DeadlineStatus.Due;
            return new Deadline(kind, due, status, basis, filed);
        }
    }

    /// <summary>Ransomware and other attacks found at 2-1 count as an improper purpose, as does an explicit suspicion.</summary>
    public static bool ImproperPurpose(Incident incident) => ImproperPurpose(DeadlineFacts.Of(incident));

    private static bool ImproperPurpose(DeadlineFacts incident) => incident.CyberattackSigns == true || incident.ImproperPurposeSuspected;

    public static DateOnly DayInJapan(DateTimeOffset at) => DateOnly.FromDateTime(JapaneseDates.ToJst(at).DateTime);

    /// <summary>24:00 JST of the day, as a UTC instant (Japan has no daylight saving).</summary>
    public static DateTimeOffset EndOfDayInJapan(DateOnly day) =>
        new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime();

    public static string ToKey(this DeadlineKind kind) => kind switch
    {
        DeadlineKind.Mhlw => "mhlw",
        DeadlineKind.PpcPreliminary => "ppc-preliminary",
        DeadlineKind.PpcFinal => "ppc-final",
        DeadlineKind.Police => "police",
    };

    public static DeadlineKind? ParseKind(string? key) =>
        Enum.GetValues<DeadlineKind>().Cast<DeadlineKind?>().FirstOrDefault(k => k!.Value.ToKey() == key);

    public static string ToJapanese(this DeadlineKind kind) => kind switch
    {
        DeadlineKind.Mhlw => "厚生労働省への連絡",
        DeadlineKind.PpcPreliminary => "個人情報保護委員会への速報",
        DeadlineKind.PpcFinal => "個人情報保護委員会への確報",
        DeadlineKind.Police => "警察への届出",
    };

    public static string ToKey(this DeadlineStatus status) => status switch
    {
        DeadlineStatus.Due => "due",
        DeadlineStatus.Overdue => "overdue",
        DeadlineStatus.Done => "done",
        DeadlineStatus.Now => "now",
    };

    public static string ToJapanese(this DeadlineStatus status) => status switch
    {
        DeadlineStatus.Due => "期限内",
        DeadlineStatus.Overdue => "期限超過",
        DeadlineStatus.Done => "報告済み",
        DeadlineStatus.Now => "直ちに",
    };

    /// <summary>What needs doing now: past its deadline, or due at once and not yet made.</summary>
    public static bool Pressing(this DeadlineStatus status) => status is DeadlineStatus.Overdue or DeadlineStatus.Now;
}
