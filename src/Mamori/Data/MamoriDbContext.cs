using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Audit;
using Mamori.Facilities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mamori.Data;

public sealed class MamoriDbContext(DbContextOptions<MamoriDbContext> options)
    : IdentityUserContext<User, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SetupCode> SetupCodes => Set<SetupCode>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<AssessmentAnswer> AssessmentAnswers => Set<AssessmentAnswer>();
    public DbSet<YearlyAnswer> YearlyAnswers => Set<YearlyAnswer>();
    public DbSet<Catalog.CatalogEdition> CatalogEditions => Set<Catalog.CatalogEdition>();
    public DbSet<AssessmentChange> AssessmentChanges => Set<AssessmentChange>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<EmergencyUse> EmergencyUses => Set<EmergencyUse>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<Vendors.Vendor> Vendors => Set<Vendors.Vendor>();

    /// <summary>Access-log entries of this unit of work, appended to the chain by the next SaveChanges (Audit/AuditSaving.cs).</summary>
    internal List<AuditEntry> QueuedAudit { get; } = [];

    /// <summary>Shared by every app node, so cookies and antiforgery tokens made on one node are read on another.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        if (Database.IsSqlite())
        {
            // SQLite has no date-time type: store UTC ticks so ORDER BY and comparisons work in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<User>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Facility>(e =>
        {
            e.Property(f => f.Name).HasMaxLength(200);
            e.HasIndex(f => f.Name);
        });

        builder.Entity<RoleAssignment>(e =>
        {
            e.HasOne<Facility>().WithMany().HasForeignKey(r => r.FacilityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.UserId, r.FacilityId, r.Role }).IsUnique();
        });

        builder.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Label).HasMaxLength(100);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SetupCode>(e => e.Property(s => s.CodeHash).HasMaxLength(64));

        builder.Entity<Assessment>(e =>
        {
            e.Property(a => a.CatalogId).HasMaxLength(64);
            e.Property(a => a.Checklist).HasMaxLength(64);
            e.Property(a => a.Respondent).HasMaxLength(100);
            e.Property(a => a.Revision).IsConcurrencyToken();
            e.HasOne<Facility>().WithMany().HasForeignKey(a => a.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.FacilityId, a.Checklist, a.Date });
            e.HasMany(a => a.Answers).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.YearlyAnswers).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(a => a.FiscalYear);
        });

        builder.Entity<YearlyAnswer>(e =>
        {
            e.HasKey(a => new { a.AssessmentId, a.Round, a.ItemNumber });
            e.Property(a => a.Memo).HasMaxLength(2000);
            e.Property(a => a.Revision).IsConcurrencyToken();
        });

        builder.Entity<Catalog.CatalogEdition>(e =>
        {
            e.HasKey(c => new { c.Id, c.Revision });
            e.Property(c => c.Id).HasMaxLength(64);
            e.Property(c => c.Title).HasMaxLength(300);
            e.Property(c => c.Note).HasMaxLength(500);
            e.Property(c => c.ImportedByName).HasMaxLength(100);
        });

        builder.Entity<AssessmentAnswer>(e =>
        {
            e.HasKey(a => new { a.AssessmentId, a.ItemNumber });
            e.Property(a => a.Memo).HasMaxLength(2000);
            e.Property(a => a.Revision).IsConcurrencyToken();
        });

        builder.Entity<EmergencyUse>(e =>
        {
            e.Property(u => u.UserName).HasMaxLength(100);
            e.Property(u => u.Client).HasMaxLength(64);
            e.Property(u => u.AcknowledgedBy).HasMaxLength(100);
            e.Property(u => u.Note).HasMaxLength(500);
            e.HasIndex(u => u.AcknowledgedAt);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Chain).HasMaxLength(36);
            e.HasIndex(a => new { a.Chain, a.Number }).IsUnique();
            e.Property(a => a.UserName).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.TargetKind).HasMaxLength(64);
            e.Property(a => a.TargetId).HasMaxLength(64);
            e.Property(a => a.Client).HasMaxLength(64);
            e.Property(a => a.UserAgent).HasMaxLength(300);
            e.Property(a => a.Detail).HasMaxLength(1000);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.UserId, a.At });
        });

        builder.Entity<AssessmentChange>(e =>
        {
            e.Property(c => c.OldValue).HasMaxLength(2000);
            e.Property(c => c.NewValue).HasMaxLength(2000);
            e.Property(c => c.Reason).HasMaxLength(2000);
            e.Property(c => c.UserName).HasMaxLength(100);
            e.HasIndex(c => new { c.AssessmentId, c.Id });
            e.HasOne<Assessment>().WithMany().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        });

        // Newer features keep their mapping next to their entities (IEntityTypeConfiguration<T> in their folder),
        // so this file does not grow with every feature.
        builder.ApplyConfigurationsFromAssembly(typeof(MamoriDbContext).Assembly);
    }
}
