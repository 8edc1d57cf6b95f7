using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Mail;

/// <summary>
/// An email waiting in the outbox table. It is written in the same transaction as what caused it and sent by
/// whichever app node claims it first, so nothing queued is lost to a restart or lives in one node's memory.
/// </summary>
public sealed class MailMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>What sent it (campaign.invite, incident.report…), for the operator reading the table.</summary>
    public required string Purpose { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

internal sealed class MailMessageConfiguration : IEntityTypeConfiguration<MailMessage>
{
    public void Configure(EntityTypeBuilder<MailMessage> e)
    {
        e.Property(m => m.To).HasMaxLength(254);
        e.Property(m => m.Subject).HasMaxLength(200);
        e.Property(m => m.Body).HasMaxLength(20000);
        e.Property(m => m.Purpose).HasMaxLength(64);
        e.Property(m => m.LastError).HasMaxLength(500);
        e.HasIndex(m => new { m.SentAt, m.NotBefore });
    }
}
