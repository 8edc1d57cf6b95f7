using Mamori.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Accounts;

/// <summary>Which of the guideline's two password rules applies (システム管理者向け item 26).</summary>
public enum PasswordRule
{
    /// <summary>At least 13 characters mixing letters, digits and symbols, for every account.</summary>
    Long,

    /// <summary>At least 8 such characters on an account with two-factor authentication (13 without it).</summary>
    ShortWithTwoFactor,
}

/// <summary>
/// A facility's choice of password rule and of the roles that must use two-factor authentication (item 23).
/// The row with no facility is the installation's default, used by installation-wide roles and by facilities
/// without a row of their own.
/// </summary>
public sealed class SecurityPolicy : IRevised
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? FacilityId { get; set; }
    public PasswordRule PasswordRule { get; set; } = PasswordRule.Long;
    public List<Role> TwoFactorRoles { get; set; } = [Role.Admin];
    public int Revision { get; set; }

    public static SecurityPolicy Default => new();
}

internal sealed class SecurityPolicyConfiguration : IEntityTypeConfiguration<SecurityPolicy>
{
    public void Configure(EntityTypeBuilder<SecurityPolicy> e)
    {
        e.HasIndex(p => p.FacilityId).IsUnique();
        e.HasOne<Facilities.Facility>().WithMany().HasForeignKey(p => p.FacilityId).OnDelete(DeleteBehavior.Cascade);
        e.Property(p => p.Revision).IsConcurrencyToken();
        // Role names, not numbers, like every other enum here: a reordered enum must not change who needs two-factor.
        e.PrimitiveCollection(p => p.TwoFactorRoles).ElementType().HasConversion<string>();
    }
}
