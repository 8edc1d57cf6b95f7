using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Accounts;

/// <summary>
/// One sign-in of one browser. The cookie names it; signing out ends it here, in the database every node reads, so a
/// copy of the cookie taken before stops working too (a cookie alone cannot be recalled).
/// </summary>
public sealed class SignInSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

internal sealed class SignInSessionMapping : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder) => builder.HasIndex(s => s.UserId);
}
