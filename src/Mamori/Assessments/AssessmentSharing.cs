using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Assessments;

/// <summary>The facility's administrator shares a round with its vendor accounts, read-only, and takes it back.</summary>
public sealed class AssessmentSharing(MamoriDbContext db, Mamori.Catalog.CatalogStore catalogs, AuditLog audit, TimeProvider clock)
{
    /// <summary>Whether a vendor may read this round: it must be shared with them and they must still be the facility's vendor.</summary>
    public static Task<bool> IsSharedWithAsync(MamoriDbContext db, Actor actor, Assessment assessment, CancellationToken ct) =>
        actor.UserId is { } id && actor.Has(assessment.FacilityId, Role.Vendor)
            ? db.Set<AssessmentShare>().AnyAsync(s => s.AssessmentId == assessment.Id && s.UserId == id, ct)
            : Task.FromResult(false);

    /// <summary>The facility's vendor accounts and whether each already sees the round (admins only).</summary>
    public async Task<IReadOnlyList<ShareTarget>> TargetsAsync(Actor actor, Guid assessmentId, CancellationToken ct = default)
    {
        var assessment = await AdministeredAsync(actor, assessmentId, ct);
        var shared = await db.Set<AssessmentShare>().Where(s => s.AssessmentId == assessmentId).Select(s => s.UserId).ToListAsync(ct);
        var vendors = await db.Users.AsNoTracking()
            .Where(u => u.Roles.Any(r => r.Role == Role.Vendor && r.FacilityId == assessment.FacilityId))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return [.. vendors.Select(v => new ShareTarget(v.Id, v.DisplayName, shared.Contains(v.Id)))];
    }

    public async Task ShareAsync(Actor actor, Guid assessmentId, Guid vendorId, CancellationToken ct = default)
    {
        var assessment = await AdministeredAsync(actor, assessmentId, ct);
        var isVendor = await db.RoleAssignments.AnyAsync(r => r.UserId == vendorId && r.Role == Role.Vendor && r.FacilityId == assessment.FacilityId, ct);
        if (!isVendor)
        {
            throw new InvalidInputException("共有できるのは、この医療機関の事業者アカウントだけです。", "VendorId");
        }
        if (await db.Set<AssessmentShare>().AnyAsync(s => s.AssessmentId == assessmentId && s.UserId == vendorId, ct))
        {
            return;
        }
        db.Add(new AssessmentShare { AssessmentId = assessmentId, UserId = vendorId, SharedAt = clock.GetUtcNow(), SharedBy = actor.Name });
        audit.Record(actor, "assessment.share", "assessment", assessmentId, detail: $"vendor={vendorId}");
        await db.SaveChangesAsync(ct);
    }

    public async Task UnshareAsync(Actor actor, Guid assessmentId, Guid vendorId, CancellationToken ct = default)
    {
        await AdministeredAsync(actor, assessmentId, ct);
        var removed = await db.Set<AssessmentShare>().Where(s => s.AssessmentId == assessmentId && s.UserId == vendorId).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            audit.Record(actor, "assessment.unshare", "assessment", assessmentId, detail: $"vendor={vendorId}");
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>What has been shared with this vendor, in facilities where they are still the vendor.</summary>
    public async Task<IReadOnlyList<SharedRound>> SharedWithAsync(Actor actor, CancellationToken ct = default)
    {
        var facilities = actor.Roles.Where(r => r.Role == Role.Vendor && r.FacilityId is not null).Select(r => r.FacilityId!.Value).ToList();
        if (actor.UserId is not { } id || facilities.Count == 0)
        {
            return [];
        }
        var rows = await (from s in db.Set<AssessmentShare>().AsNoTracking()
                          join a in db.Assessments.AsNoTracking() on s.AssessmentId equals a.Id
                          join f in db.Facilities.AsNoTracking() on a.FacilityId equals f.Id
                          where s.UserId == id && facilities.Contains(a.FacilityId)
                          orderby s.SharedAt descending
                          select new { a.Id, f.Name, a.CatalogId, a.Checklist, a.Date, s.SharedAt }).ToListAsync(ct);
        return [.. rows.Select(r => new SharedRound(r.Id, r.Name,
            catalogs.Find(r.CatalogId)?.FindChecklist(r.Checklist)?.Title ?? r.Checklist, r.Date, r.SharedAt))];
    }

    private async Task<Assessment> AdministeredAsync(Actor actor, Guid assessmentId, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null || !actor.CanSeeFacility(assessment.FacilityId))
        {
            throw new NotFoundException("チェックリストの回が見つかりません。");
        }
        if (!actor.Has(assessment.FacilityId, Role.Admin))
        {
            throw new ForbiddenException("事業者との共有は、この医療機関のシステム管理者だけができます。");
        }
        return assessment;
    }
}
