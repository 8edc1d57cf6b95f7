using Mamori.Accounts;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Facilities;

public sealed class FacilityService(MamoriDbContext db, TimeProvider clock, Mamori.Audit.AuditLog audit)
{
    public const int NameMaxLength = 200;

    public async Task<Facility> CreateAsync(Actor actor, string? name, FacilityKind kind, bool onlineQualification, CancellationToken ct = default)
    {
        actor.RequireInstallationAdmin();
        var facility = new Facility
        {
            Name = Text.Required(name, NameMaxLength, "name", "医療機関名"),
            Kind = kind,
            OnlineQualification = onlineQualification,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Facilities.Add(facility);
        audit.Record(actor, "facility.create", "facility", facility.Id, detail: facility.Name);
        await db.SaveChangesAsync(ct);
        return facility;
    }

    public async Task<Facility> UpdateAsync(Actor actor, Guid id, string? name, FacilityKind kind, bool onlineQualification, CancellationToken ct = default)
    {
        var facility = await db.Facilities.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (facility is null || !actor.CanSeeFacility(id))
        {
            throw new NotFoundException("医療機関が見つかりません。");
        }
        if (!actor.Has(id, Role.Admin))
        {
            throw new ForbiddenException("医療機関の設定を変更できるのはシステム管理者です。");
        }
        facility.Name = Text.Required(name, NameMaxLength, "name", "医療機関名");
        facility.Kind = kind;
        facility.OnlineQualification = onlineQualification;
        audit.Record(actor, "facility.update", "facility", facility.Id, detail: $"{facility.Name} / {kind.ToKey()} / online={onlineQualification}");
        await db.SaveChangesAsync(ct);
        return facility;
    }

    public async Task<IReadOnlyList<Facility>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var query = db.Facilities.AsNoTracking();
        if (actor.VisibleFacilityIds is { } ids)
        {
            query = query.Where(f => ids.Contains(f.Id));
        }
        return await query.OrderBy(f => f.Name).ToListAsync(ct);
    }

    public async Task<Facility> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var facility = await db.Facilities.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (facility is null || !actor.CanSeeFacility(id))
        {
            throw new NotFoundException("医療機関が見つかりません。");
        }
        return facility;
    }
}
