using Mamori.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Assessments;

/// <summary>
/// A round shown to one vendor account of the facility (事業者: sees only what is shared with it), read-only,
/// e.g. the system administrator's list for the vendor who maintains the systems it covers.
/// </summary>
public sealed class AssessmentShare
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssessmentId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset SharedAt { get; set; }
    public required string SharedBy { get; set; }
}

internal sealed class AssessmentShareConfiguration : IEntityTypeConfiguration<AssessmentShare>
{
    public void Configure(EntityTypeBuilder<AssessmentShare> e)
    {
        e.Property(s => s.SharedBy).HasMaxLength(100);
        e.HasIndex(s => new { s.AssessmentId, s.UserId }).IsUnique();
        e.HasIndex(s => s.UserId);
        e.HasOne<Assessment>().WithMany().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record SharedRound(Guid AssessmentId, string FacilityName, string Checklist, DateOnly Date, DateTimeOffset SharedAt);

public sealed record ShareTarget(Guid UserId, string Name, bool Shared);
