using Mamori.Accounts;
using Mamori.Facilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Campaigns;

internal sealed class DepartmentMapping : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.ToTable("Departments");
        e.Property(d => d.Name).HasMaxLength(DepartmentService.NameMaxLength);
        e.Property(d => d.Revision).IsConcurrencyToken();
        e.HasOne<Facility>().WithMany().HasForeignKey(d => d.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => new { d.FacilityId, d.Name }).IsUnique();
    }
}

internal sealed class JobTypeMapping : IEntityTypeConfiguration<JobType>
{
    public void Configure(EntityTypeBuilder<JobType> e)
    {
        e.ToTable("JobTypes");
        e.Property(j => j.Name).HasMaxLength(DepartmentService.NameMaxLength);
        e.Property(j => j.Revision).IsConcurrencyToken();
        e.HasOne<Facility>().WithMany().HasForeignKey(j => j.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(j => new { j.FacilityId, j.Name }).IsUnique();
    }
}

internal sealed class DepartmentManagerMapping : IEntityTypeConfiguration<DepartmentManager>
{
    public void Configure(EntityTypeBuilder<DepartmentManager> e)
    {
        e.ToTable("DepartmentManagers");
        e.HasKey(m => new { m.DepartmentId, m.UserId });
        e.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => m.UserId);
    }
}

internal sealed class CampaignMapping : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.ToTable("Campaigns");
        e.Property(c => c.CatalogId).HasMaxLength(64);
        e.Property(c => c.Checklist).HasMaxLength(64);
        e.Property(c => c.Title).HasMaxLength(CampaignService.TitleMaxLength);
        e.Property(c => c.Revision).IsConcurrencyToken();
        // Campaigns started before the rule existed get the default threshold.
        e.Property(c => c.AnonymityThreshold).HasDefaultValue(AnonymityRule.DefaultThreshold);
        e.HasOne<Facility>().WithMany().HasForeignKey(c => c.FacilityId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.FacilityId, c.OpensAt });
    }
}

internal sealed class CampaignLinkMapping : IEntityTypeConfiguration<CampaignLink>
{
    public void Configure(EntityTypeBuilder<CampaignLink> e)
    {
        e.ToTable("CampaignLinks");
        e.Property(l => l.Code).HasMaxLength(32);
        e.Property(l => l.PersonName).HasMaxLength(CampaignService.PersonNameMaxLength);
        e.Property(l => l.PersonEmail).HasMaxLength(254);
        e.Property(l => l.Revision).IsConcurrencyToken();
        e.HasIndex(l => l.Code).IsUnique();
        e.HasIndex(l => new { l.CampaignId, l.Kind });
        e.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Department>().WithMany().HasForeignKey(l => l.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<JobType>().WithMany().HasForeignKey(l => l.JobTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignResponseMapping : IEntityTypeConfiguration<CampaignResponse>
{
    public void Configure(EntityTypeBuilder<CampaignResponse> e)
    {
        e.ToTable("CampaignResponses");
        e.Property(r => r.Respondent).HasMaxLength(CampaignService.PersonNameMaxLength);
        // Results group by department (and job type) within one campaign.
        e.HasIndex(r => new { r.CampaignId, r.DepartmentId, r.JobTypeId });
        e.HasIndex(r => r.LinkId).IsUnique();
        e.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<JobType>().WithMany().HasForeignKey(r => r.JobTypeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CampaignLink>().WithMany().HasForeignKey(r => r.LinkId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignAnswerMapping : IEntityTypeConfiguration<CampaignAnswer>
{
    public void Configure(EntityTypeBuilder<CampaignAnswer> e)
    {
        e.ToTable("CampaignAnswers");
        e.HasKey(a => new { a.ResponseId, a.ItemNumber });
    }
}
