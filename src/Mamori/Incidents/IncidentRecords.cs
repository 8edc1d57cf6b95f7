using Mamori.Common;
namespace Mamori.Incidents;

public enum FilePurpose
{
    /// <summary>2-14: evidence, hashed on arrival and never altered.</summary>
    Evidence,

    /// <summary>0-2: a version of the facility's network diagram.</summary>
    NetworkDiagram,

    /// <summary>A vendor's MDS/SDS (医療情報セキュリティ開示書), kept with the facility's register of systems and vendors.</summary>
    VendorDisclosure,
}

/// <summary>
/// An uploaded file's description. The bytes live in <see cref="StoredFileContent"/> (in the database, so every
/// app node serves them) and are never updated: the SHA-256 taken on arrival proves they are what was handed in.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public Guid? IncidentId { get; set; }
    public FilePurpose Purpose { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bytes as received.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Network diagrams: 1, 2, 3… per facility.</summary>
    public int Version { get; set; }

    public string? Note { get; set; }

    /// <summary>Evidence: who collected it, from where (device, account, log), and when.</summary>
    public string? CollectedBy { get; set; }
    public string? CollectedFrom { get; set; }
    public DateTimeOffset? CollectedAt { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

public sealed class StoredFileContent
{
    public Guid FileId { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>One entry of a file's chain of custody: received, downloaded, verified, handed over.</summary>
public sealed class CustodyEntry
{
    public long Id { get; set; }
    public Guid FileId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    public required string By { get; set; }
    public string? Note { get; set; }
}

public enum ReportKind
{
    /// <summary>経営層への報告 (2-10, 2-11)</summary>
    Executive,

    /// <summary>厚生労働省への報告 (2-13)</summary>
    Mhlw,

    /// <summary>個人情報保護委員会 速報 (4-3)</summary>
    PpcPreliminary,

    /// <summary>個人情報保護委員会 確報 (4-3)</summary>
    PpcFinal,

    /// <summary>警察への届出 (2-18)</summary>
    Police,
}

/// <summary>A report's text as edited before export; absent until someone edits the draft Mamori proposes.</summary>
public sealed class ReportDraft : IRevised, IStamped
{
    public Guid IncidentId { get; set; }
    public ReportKind Kind { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public int Revision { get; set; }

    void IStamped.Stamp(DateTimeOffset at, Guid? userId, string userName) => (UpdatedAt, UpdatedBy) = (at, userName);
}

/// <summary>An improvement (再発防止策, 4-5…4-8, or a drill's lesson) with an owner and target date, linkable to a checklist item.</summary>
public sealed class ImprovementAction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public Guid? IncidentId { get; set; }
    public required string Title { get; set; }
    public string? Owner { get; set; }
    public DateOnly? TargetOn { get; set; }
    public string? CatalogId { get; set; }
    public string? Checklist { get; set; }
    public int? ItemNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
}

/// <summary>A facility's contact (authority, own people, vendor), seeded from the catalog's defaults and edited there.</summary>
public sealed class FacilityContact : IRevised, IStamped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }

    /// <summary>The catalog default it started from, if any (e.g. ipa-current).</summary>
    public string? DefaultKey { get; set; }

    /// <summary>mhlw, ipa, ppc, police, prefecture, internal (own people), vendor.</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Own people: the role they hold in an emergency (0-1), e.g. 経営層（院長）; and whether they are the deputy.</summary>
    public string? Role { get; set; }
    public bool Deputy { get; set; }

    /// <summary>Vendors: the system they look after.</summary>
    public string? System { get; set; }

    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Hours { get; set; }

    /// <summary>How to reach them when e-mail and the network are down (0-1: メール以外の連絡手段).</summary>
    public string? Fallback { get; set; }

    public string? Url { get; set; }
    public string? Note { get; set; }
    public bool History { get; set; }
    public DateOnly? ConfirmedOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Revision { get; set; }

    void IStamped.Stamp(DateTimeOffset at, Guid? userId, string userName) => (UpdatedAt, UpdatedBy) = (at, userName);

    /// <summary>Not confirmed within a year: shown flagged (contacts change).</summary>
    public bool IsStale(DateOnly today) => !History && (ConfirmedOn is not { } on || on.AddYears(1) < today);
}
