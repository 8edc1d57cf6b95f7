namespace Mamori.Audit;

/// <summary>
/// One line of the access log (システム管理者向け items 16, 17, 86, 89). Append-only: each entry carries a
/// SHA-256 over its content and the previous entry's hash, so a changed, removed or reordered row breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain: 1, 2, 3… without gaps, assigned under the append lock.</summary>
    public long Id { get; set; }

    /// <summary>Server clock, UTC (the server must be NTP-synchronised; shown in JST).</summary>
    public DateTimeOffset At { get; set; }

    public Guid? UserId { get; set; }
    public required string UserName { get; set; }

    /// <summary>A vendor's maintenance account (item 89): marked so their actions can be filtered.</summary>
    public bool Vendor { get; set; }

    public required string Action { get; set; }
    public string? TargetKind { get; set; }
    public string? TargetId { get; set; }
    public AuditResult Result { get; set; }
    public string? Client { get; set; }
    public string? UserAgent { get; set; }
    public string? Detail { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

public enum AuditResult
{
    Success,
    Failure,
    Denied,
}
