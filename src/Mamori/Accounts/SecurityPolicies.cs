using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Accounts;

/// <summary>What the policies of a user's facilities ask of that user.</summary>
public sealed record AccountRequirements(bool TwoFactorRequired, bool ShortPasswordAllowed);

/// <summary>Reads and changes each facility's password rule and two-factor requirement.</summary>
public sealed class SecurityPolicies(MamoriDbContext db, AuditLog audit)
{
    /// <summary>The facility's own policy, else the installation default (a new, unsaved one if none was saved).</summary>
    public async Task<SecurityPolicy> GetAsync(Guid? facilityId, CancellationToken ct = default)
    {
        var rows = await db.Set<SecurityPolicy>().AsNoTracking()
            .Where(p => p.FacilityId == facilityId || p.FacilityId == null).ToListAsync(ct);
        return rows.FirstOrDefault(p => p.FacilityId == facilityId) ?? rows.FirstOrDefault(p => p.FacilityId == null)
            ?? SecurityPolicy.Default;
    }

    /// <summary>
    /// Two-factor is required when any of the user's roles requires it where the role is held; the 8-character
    /// rule holds only when every facility of the user allows it (the strictest rule wins).
    /// </summary>
    public async Task<AccountRequirements> ForUserAsync(Guid userId, CancellationToken ct = default)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct);
        var facilityIds = roles.Where(r => r.FacilityId is not null).Select(r => r.FacilityId).Distinct().ToList();
        var policies = await db.Set<SecurityPolicy>().AsNoTracking()
            .Where(p => p.FacilityId == null || facilityIds.Contains(p.FacilityId)).ToListAsync(ct);
        var fallback = policies.FirstOrDefault(p => p.FacilityId == null) ?? SecurityPolicy.Default;
        SecurityPolicy For(RoleAssignment r) => policies.FirstOrDefault(p => p.FacilityId is not null && p.FacilityId == r.FacilityId) ?? fallback;
        return new AccountRequirements(
            roles.Any(r => For(r).TwoFactorRoles.Contains(r.Role)),
            roles.Count > 0 && roles.All(r => For(r).PasswordRule == PasswordRule.ShortWithTwoFactor));
    }

    public async Task SaveAsync(Actor actor, Guid? facilityId, PasswordRule rule, IReadOnlyCollection<Role> twoFactorRoles, int? revision, CancellationToken ct = default)
    {
        if (facilityId is { } fid ? !actor.Has(fid, Role.Admin) : !actor.IsInstallationAdmin)
        {
            throw new ForbiddenException("この設定を変更できるのはシステム管理者だけです。");
        }
        var policy = await db.Set<SecurityPolicy>().FirstOrDefaultAsync(p => p.FacilityId == facilityId, ct);
        if (policy is null)
        {
            // Revision 0 stands for "no policy yet" in the form, so the first saved policy is 1.
            policy = new SecurityPolicy { FacilityId = facilityId, Revision = 1 };
            db.Add(policy);
        }
        else if (revision is { } r && r != policy.Revision)
        {
            throw new ConflictException("他の人が先にこの設定を変更しました。再読み込みしてから変更してください。");
        }
        policy.PasswordRule = rule;
        policy.TwoFactorRoles = [.. twoFactorRoles.Distinct().Order()];
        audit.Record(actor, "security-policy.change", "facility", facilityId,
            detail: $"password={rule} two-factor={string.Join(",", policy.TwoFactorRoles.Select(x => x.ToKey()))}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("他の人が先にこの設定を変更しました。再読み込みしてから変更してください。");
        }
    }
}
