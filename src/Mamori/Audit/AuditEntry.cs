namespace Mamori.Audit;

/// <summary>
/// One line of the access log (システム管理者向け items 16, 17, 86, 89). Append-only: each entry carries an
/// HMAC-SHA256 (under a key kept outside the database) over its chain, its place, its content and the previous
/// entry's seal, so a changed, removed or reordered row breaks its chain (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The row's number across all chains, in the order rows were stored (the order the log is listed in).</summary>
    public long Id { get; set; }

    /// <summary>The chain this entry belongs to: <see cref="AuditChain.Installation"/> or a facility's id.</summary>
    public string Chain { get; set; } = AuditChain.Installation;

    /// <summary>Position in its chain: 1, 2, 3… without gaps, assigned under that chain's append lock.</summary>
    public long Number { get; set; }

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
