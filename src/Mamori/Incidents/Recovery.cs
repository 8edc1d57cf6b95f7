namespace Mamori.Incidents;

/// <summary>The finding on personal data after the investigation (4-1, 4-3): what the 確報 reports.</summary>
public enum LeakFinding
{
    /// <summary>調査中</summary>
    Investigating,

    /// <summary>漏えい等はなかった</summary>
    None,

    /// <summary>漏えい等のおそれがある（否定できない）</summary>
    Possible,

    /// <summary>漏えい等があった</summary>
    Confirmed,
}

public static class LeakFindings
{
    public static string ToKey(this LeakFinding f) => f switch
    {
        LeakFinding.Investigating => "investigating",
        LeakFinding.None => "none",
        LeakFinding.Possible => "possible",
        LeakFinding.Confirmed => "confirmed",
    };

    public static string ToJapanese(this LeakFinding f) => f switch
    {
        LeakFinding.Investigating => "調査中",
        LeakFinding.None => "漏えい等はなかった",
        LeakFinding.Possible => "漏えい等のおそれがある（否定できない）",
        LeakFinding.Confirmed => "漏えい等があった",
    };

    public static LeakFinding? Parse(string? key) => Enum.GetValues<LeakFinding>().Cast<LeakFinding?>().FirstOrDefault(f => f!.Value.ToKey() == key);
}

/// <summary>3-1 … 3-4 and 4-1: the recovery plan, what it costs and takes, and the leak finding, as the leaders record them.</summary>
public sealed record RecoveryInput(string? Plan, long? CostYen, string? Effort, LeakFinding Finding, string? FindingNote);
