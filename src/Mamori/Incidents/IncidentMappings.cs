using Mamori.Facilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Incidents;

internal sealed class IncidentMapping : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> e)
    {
        e.ToTable("Incidents");
        e.Property(i => i.CatalogId).HasMaxLength(64);
        e.Property(i => i.Title).HasMaxLength(IncidentService.TitleMaxLength);
        e.Property(i => i.Description).HasMaxLength(IncidentService.TextMaxLength);
        e.Property(i => i.Location).HasMaxLength(IncidentService.LocationMaxLength);
        e.Property(i => i.Signs).HasMaxLength(400);
        e.Property(i => i.ReportedBy).HasMaxLength(100);
        e.Property(i => i.ConfirmedBy).HasMaxLength(100);
        e.Property(i => i.CloseReason).HasMaxLength(IncidentService.ReasonMaxLength);
        e.Property(i => i.DecisionGrounds).HasMaxLength(IncidentService.TextMaxLength);
        e.Property(i => i.DecidedBy).HasMaxLength(100);
        e.Property(i => i.Lessons).HasMaxLength(IncidentService.TextMaxLength);
        e.Property(i => i.Revision).IsConcurrencyToken();
        e.Ignore(i => i.SignKeys);
        e.HasOne<Facility>().WithMany().HasForeignKey(i => i.FacilityId).OnDelete(DeleteBehavior.Restrict);
        // The list pages: newest first, real incidents apart from drills, per facility or across all of them
        // (an installation admin's list reads 50 rows of the index instead of sorting every incident).
        e.HasIndex(i => new { i.FacilityId, i.Exercise, i.ReportedAt });
        e.HasIndex(i => new { i.Exercise, i.ReportedAt });
        e.HasIndex(i => new { i.Status, i.FacilityId });
        // The banner on every page of a safety manager: reports waiting for confirmation (1-4), oldest first.
        e.HasIndex(i => new { i.Status, i.ReportedAt });
        e.HasMany(i => i.Steps).WithOne().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentStepMapping : IEntityTypeConfiguration<IncidentStep>
{
    public void Configure(EntityTypeBuilder<IncidentStep> e)
    {
        e.ToTable("IncidentSteps");
        e.HasKey(s => new { s.IncidentId, s.StepId });
        e.Property(s => s.StepId).HasMaxLength(8);
        e.Property(s => s.Note).HasMaxLength(IncidentService.TextMaxLength);
        e.Property(s => s.Reason).HasMaxLength(IncidentService.ReasonMaxLength);
        e.Property(s => s.UpdatedBy).HasMaxLength(100);
        e.Property(s => s.CompletedBy).HasMaxLength(100);
        e.Property(s => s.Revision).IsConcurrencyToken();
        // The incident list counts each incident's open steps: answered from this index alone, without reading
        // the step rows (docs/benchmarks.md).
        e.HasIndex(s => new { s.IncidentId, s.Status });
    }
}

internal sealed class IncidentEventMapping : IEntityTypeConfiguration<IncidentEvent>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> e)
    {
        e.ToTable("IncidentEvents");
        e.Property(x => x.StepId).HasMaxLength(8);
        e.Property(x => x.Text).HasMaxLength(IncidentService.TextMaxLength + 200);
        e.Property(x => x.UserName).HasMaxLength(100);
        e.HasIndex(x => new { x.IncidentId, x.Id });
        e.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentFilingMapping : IEntityTypeConfiguration<IncidentFiling>
{
    public void Configure(EntityTypeBuilder<IncidentFiling> e)
    {
        e.ToTable("IncidentFilings");
        e.Property(x => x.By).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(IncidentService.ReasonMaxLength);
        e.Property(x => x.Recipient).HasMaxLength(IncidentService.FilingFieldMaxLength);
        e.Property(x => x.Reference).HasMaxLength(IncidentService.FilingFieldMaxLength);
        e.HasIndex(x => new { x.IncidentId, x.Kind });
        e.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredFileMapping : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> e)
    {
        e.ToTable("StoredFiles");
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.Note).HasMaxLength(IncidentService.ReasonMaxLength);
        e.Property(x => x.CollectedBy).HasMaxLength(100);
        e.Property(x => x.CollectedFrom).HasMaxLength(200);
        e.Property(x => x.UploadedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.FacilityId, x.Purpose, x.Version });
        e.HasIndex(x => x.IncidentId);
        e.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StoredFileContentMapping : IEntityTypeConfiguration<StoredFileContent>
{
    public void Configure(EntityTypeBuilder<StoredFileContent> e)
    {
        e.ToTable("StoredFileContents");
        e.HasKey(x => x.FileId);
        e.HasOne<StoredFile>().WithOne().HasForeignKey<StoredFileContent>(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CustodyEntryMapping : IEntityTypeConfiguration<CustodyEntry>
{
    public void Configure(EntityTypeBuilder<CustodyEntry> e)
    {
        e.ToTable("CustodyEntries");
        e.Property(x => x.Action).HasMaxLength(32);
        e.Property(x => x.By).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(IncidentService.ReasonMaxLength);
        e.HasIndex(x => new { x.FileId, x.Id });
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportDraftMapping : IEntityTypeConfiguration<ReportDraft>
{
    public void Configure(EntityTypeBuilder<ReportDraft> e)
    {
        e.ToTable("ReportDrafts");
        e.HasKey(x => new { x.IncidentId, x.Kind });
        e.Property(x => x.Body).HasMaxLength(ReportDrafts.BodyMaxLength);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImprovementActionMapping : IEntityTypeConfiguration<ImprovementAction>
{
    public void Configure(EntityTypeBuilder<ImprovementAction> e)
    {
        e.ToTable("ImprovementActions");
        e.Property(x => x.Title).HasMaxLength(IncidentService.ReasonMaxLength);
        e.Property(x => x.Owner).HasMaxLength(100);
        e.Property(x => x.CatalogId).HasMaxLength(64);
        e.Property(x => x.Checklist).HasMaxLength(64);
        e.Property(x => x.DoneBy).HasMaxLength(100);
        e.HasIndex(x => new { x.FacilityId, x.Checklist, x.ItemNumber });
        e.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FacilityContactMapping : IEntityTypeConfiguration<FacilityContact>
{
    public void Configure(EntityTypeBuilder<FacilityContact> e)
    {
        e.ToTable("FacilityContacts");
        e.Property(x => x.DefaultKey).HasMaxLength(64);
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Role).HasMaxLength(100);
        e.Property(x => x.System).HasMaxLength(100);
        e.Property(x => x.Phone).HasMaxLength(50);
        e.Property(x => x.Email).HasMaxLength(200);
        e.Property(x => x.Hours).HasMaxLength(100);
        e.Property(x => x.Fallback).HasMaxLength(200);
        e.Property(x => x.Url).HasMaxLength(300);
        e.Property(x => x.Note).HasMaxLength(IncidentService.ReasonMaxLength);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasIndex(x => new { x.FacilityId, x.Kind });
        e.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Cascade);
    }
}
