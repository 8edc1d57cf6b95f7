using Mamori.Common;

namespace Mamori.Incidents;

public enum IncidentStatus
{
    /// <summary>An anomaly someone reported (1-1, 1-3), waiting for the safety manager's check (1-4).</summary>
    Reported,

    /// <summary>Confirmed by the safety manager: the flow runs.</summary>
    Open,

    /// <summary>Finished.</summary>
    Closed,

    /// <summary>Checked at 1-4 and found not to be an incident.</summary>
    Dismissed,
}

public static class IncidentStatuses
{
    public static string ToKey(this IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => "reported",
        IncidentStatus.Open => "open",
        IncidentStatus.Closed => "closed",
        IncidentStatus.Dismissed => "dismissed",
    };

    public static string ToJapanese(this IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => "確認待ち",
        IncidentStatus.Open => "対応中",
        IncidentStatus.Closed => "終了",
        IncidentStatus.Dismissed => "インシデントではない",
    };
}

/// <summary>
/// One incident (or drill) at one facility. Guards its lifecycle: reported → open (1-4 confirmed) → closed,
/// or reported → dismissed; the 2-1 decision only while open.
/// </summary>
public sealed class Incident : IRevised
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }

    /// <summary>The catalog edition whose flowchart the incident follows (step ids refer to it).</summary>
    public required string CatalogId { get; set; }

    public required string Title { get; set; }
    public string? Description { get; set; }

    /// <summary>Where it was seen (ward, room, terminal).</summary>
    public string? Location { get; set; }

    /// <summary>Sign keys (<see cref="AnomalySigns"/>), comma-separated.</summary>
    public string Signs { get; set; } = "";

    /// <summary>1-2: were cables disconnected? null = not said / unsure.</summary>
    public bool? CablesDisconnected { get; set; }

    /// <summary>When the anomaly was first seen, as reported.</summary>
    public DateTimeOffset DetectedAt { get; set; }

    /// <summary>An exercise (drill, items 43–44): the same flow, kept out of real statistics.</summary>
    public bool Exercise { get; set; }

    public IncidentStatus Status { get; private set; } = IncidentStatus.Reported;
    public DateTimeOffset ReportedAt { get; set; }
    public string? ReportedBy { get; set; }

    /// <summary>The facility's moment of awareness: when the safety manager confirmed the report (1-4). Deadlines count from here.</summary>
    public DateTimeOffset? AwareAt { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? CloseReason { get; private set; }

    /// <summary>2-1: were there signs of a cyberattack? null until decided.</summary>
    public bool? CyberattackSigns { get; private set; }
    public string? DecisionGrounds { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }

    /// <summary>When the facility learned that personal data may have leaked (starts the 個人情報保護委員会 clocks).</summary>
    public DateTimeOffset? PersonalDataAwareAt { get; set; }

    /// <summary>An improper purpose (unauthorised access, theft) is suspected apart from the 2-1 decision: 確報 within 60 days.</summary>
    public bool ImproperPurposeSuspected { get; set; }

    /// <summary>The executives' decision to notify the police (2-12 / 2-18) and the date they set for it (JST).</summary>
    public DateOnly? PoliceDueOn { get; set; }

    /// <summary>3-1: the recovery plan (order of restoration, workarounds, who does what).</summary>
    public string? RecoveryPlan { get; set; }

    /// <summary>3-1 / 4-2: what recovery costs (yen, tax included as the hospital records it) and takes (people, days).</summary>
    public long? RecoveryCostYen { get; set; }
    public string? RecoveryEffort { get; set; }

    /// <summary>4-1 / 4-3: whether personal data leaked, as found by the investigation, with its grounds.</summary>
    public LeakFinding LeakFinding { get; set; } = LeakFinding.Investigating;
    public string? LeakFindingNote { get; set; }

    /// <summary>What was learned (drill history, 4-5).</summary>
    public string? Lessons { get; set; }

    public int Revision { get; set; }

    public List<IncidentStep> Steps { get; set; } = [];

    public IReadOnlyList<string> SignKeys => Signs.Length == 0 ? [] : Signs.Split(',');

    public void Confirm(string by, DateTimeOffset at)
    {
        if (Status != IncidentStatus.Reported)
        {
            throw new ConflictException("この報告はすでに確認済みです。");
        }
        Status = IncidentStatus.Open;
        AwareAt = at;
        ConfirmedBy = by;
    }

    public void Dismiss(string reason, DateTimeOffset at)
    {
        if (Status != IncidentStatus.Reported)
        {
            throw new ConflictException("確認待ちの報告だけを「インシデントではない」として閉じられます。");
        }
        RequireReason(reason, "閉じる理由");
        Status = IncidentStatus.Dismissed;
        CloseReason = reason;
        ClosedAt = at;
    }

    public void Decide(bool signs, string grounds, string by, DateTimeOffset at)
    {
        EnsureOpen();
        RequireReason(grounds, "判断の根拠");
        CyberattackSigns = signs;
        DecisionGrounds = grounds;
        DecidedAt = at;
        DecidedBy = by;
    }

    public void Close(string reason, DateTimeOffset at)
    {
        EnsureOpen();
        RequireReason(reason, "終了の理由");
        Status = IncidentStatus.Closed;
        CloseReason = reason;
        ClosedAt = at;
    }

    public void EnsureOpen()
    {
        switch (Status)
        {
            case IncidentStatus.Reported:
                throw new ConflictException("この報告は医療情報システム安全管理責任者の確認（1-4）を待っています。");
            case IncidentStatus.Closed or IncidentStatus.Dismissed:
                throw new ConflictException("このインシデントは終了しているため変更できません。");
        }
    }

    private static void RequireReason(string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("{0}を入力してください。", [label], "grounds");
        }
    }
}
