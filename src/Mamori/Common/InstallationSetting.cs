using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Common;

/// <summary>
/// One setting of the whole installation that an administrator changes on a page (the public address staff
/// open, later the directory). Kept in the database, not in a node's memory or files, so every app node reads
/// the same value; a setting in configuration wins over the stored one.
/// </summary>
public sealed class InstallationSetting : IRevised
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ChangedBy { get; set; }
    public int Revision { get; set; }
}

internal sealed class InstallationSettingMapping : IEntityTypeConfiguration<InstallationSetting>
{
    public void Configure(EntityTypeBuilder<InstallationSetting> e)
    {
        e.ToTable("InstallationSettings");
        e.HasKey(s => s.Key);
        e.Property(s => s.Key).HasMaxLength(64);
        e.Property(s => s.Value).HasMaxLength(2000);
        e.Property(s => s.Revision).IsConcurrencyToken();
    }
}
