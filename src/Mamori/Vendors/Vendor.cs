using Mamori.Common;
using Mamori.Facilities;
using Mamori.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Vendors;

/// <summary>The kinds of system a facility's register sorts its vendors by (issue 17).</summary>
public enum SystemKind
{
    Ehr,
    Pacs,
    Departmental,
    Network,
    Other,
}

public static class SystemKinds
{
    public static IReadOnlyList<SystemKind> All { get; } = Enum.GetValues<SystemKind>();

    public static string ToKey(this SystemKind kind) => kind switch
    {
        SystemKind.Ehr => "ehr",
        SystemKind.Pacs => "pacs",
        SystemKind.Departmental => "departmental",
        SystemKind.Network => "network",
        SystemKind.Other => "other",
    };

    public static string ToJapanese(this SystemKind kind) => kind switch
    {
        SystemKind.Ehr => "電子カルテ",
        SystemKind.Pacs => "PACS",
        SystemKind.Departmental => "部門システム",
        SystemKind.Network => "ネットワーク",
        SystemKind.Other => "その他",
    };

    public static SystemKind? Parse(string? key) => All.Cast<SystemKind?>().FirstOrDefault(k => k!.Value.ToKey() == key);
}

/// <summary>
/// One system of a facility and the vendor who looks after it: whom to call, until when the maintenance contract
/// runs, whether (and how) they come in remotely, and their MDS/SDS (製造業者/サービス事業者による医療情報セキュリティ
/// 開示書), which the checklist expects to be kept current.
/// </summary>
public sealed class Vendor : IRevised, IStamped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }

    public SystemKind SystemKind { get; set; }
    public required string SystemName { get; set; }

    public required string Company { get; set; }
    public string? ContactPerson { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }

    public DateOnly? ContractFrom { get; set; }
    public DateOnly? ContractUntil { get; set; }

    /// <summary>リモート保守: the vendor reaches the system from outside, and how (VPN装置, 回線…).</summary>
    public bool Remote { get; set; }
    public string? RemoteMethod { get; set; }

    /// <summary>The latest MDS/SDS uploaded (a StoredFile hashed with SHA-256 on arrival), with the version and date it states.</summary>
    public Guid? DisclosureFileId { get; set; }
    public string? DisclosureVersion { get; set; }
    public DateOnly? DisclosureDate { get; set; }

    public string? Memo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Revision { get; set; }

    void IStamped.Stamp(DateTimeOffset at, Guid? userId, string userName) => (UpdatedAt, UpdatedBy) = (at, userName);

    /// <summary>「更新から1年以上経過」: the MDS/SDS is dated more than a year before <paramref name="today"/> (Japan time).</summary>
    public bool IsDisclosureStale(DateOnly today) => DisclosureDate is { } on && on.AddYears(1) < today;
}

internal sealed class VendorMapping : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> e)
    {
        e.ToTable("Vendors");
        e.Property(x => x.SystemName).HasMaxLength(VendorService.NameMaxLength);
        e.Property(x => x.Company).HasMaxLength(VendorService.NameMaxLength);
        e.Property(x => x.ContactPerson).HasMaxLength(100);
        e.Property(x => x.Email).HasMaxLength(200);
        e.Property(x => x.Phone).HasMaxLength(50);
        e.Property(x => x.RemoteMethod).HasMaxLength(200);
        e.Property(x => x.DisclosureVersion).HasMaxLength(50);
        e.Property(x => x.Memo).HasMaxLength(VendorService.MemoMaxLength);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasIndex(x => new { x.FacilityId, x.SystemKind });
        e.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Cascade);
        // The file stays (its hash and chain of custody are a record); the register then points at nothing.
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.DisclosureFileId).OnDelete(DeleteBehavior.SetNull);
    }
}
