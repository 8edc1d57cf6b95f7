using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Data;
using Mamori.Incidents.Reports;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Incidents;

/// <summary>What a facility prepares in peacetime (phase 0): the printed emergency binder, drills and improvement actions.</summary>
public sealed class PreparednessService(MamoriDbContext db, CatalogStore catalogs, ContactService contacts, TimeProvider clock, AuditLog audit)
{
    /// <summary>
    /// The emergency binder: one PDF for the drawer, for the day Mamori itself is unreachable. Contact tree, the
    /// decision after 2-1, each role's steps, the report forms and blank logs for paper operation; dated.
    /// </summary>
    public async Task<(string FileName, byte[] Pdf)> BinderAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        var list = await contacts.ListAsync(actor, facilityId, ct);
        var facility = await db.Facilities.AsNoTracking().FirstAsync(f => f.Id == facilityId, ct);
        var flow = catalogs.Find(CatalogDefaults.CurrentId)?.IncidentFlow ?? throw new NotFoundException("インシデント対応フローチャートが見つかりません。");
        var today = JapaneseDates.TodayInJst(clock);
        var pdf = EmergencyBinder.Compose(facility.Name, list, flow, today, await PeopleAsync(facilityId, ct), await LatestDiagramAsync(facilityId, ct));
        audit.Record(actor, "facility.binder", "facility", facilityId);
        await db.SaveChangesAsync(ct);
        return ($"emergency-binder-{JapaneseDates.Iso(today)}.pdf", pdf.ToPdf());
    }

    /// <summary>
    /// The facility's administrators (the safety manager's role in Mamori) and executives, as the binder lists them;
    /// emergency and disabled accounts are not people to call.
    /// </summary>
    private async Task<IReadOnlyList<BinderPerson>> PeopleAsync(Guid facilityId, CancellationToken ct)
    {
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.FacilityId == facilityId && (r.Role == Role.Admin || r.Role == Role.Executive))
            .Join(db.Users.Where(u => !u.Emergency && !u.Disabled), r => r.UserId, u => u.Id, (r, u) => new { r.Role, u.DisplayName, u.Email, u.PhoneNumber })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Role).ThenBy(r => r.DisplayName, StringComparer.Ordinal)
            .Select(r => new BinderPerson(r.DisplayName, r.Role == Role.Admin ? "医療情報システム安全管理責任者（Mamoriの管理者）" : "経営層", r.Email, r.PhoneNumber))];
    }

    /// <summary>The latest network diagram, with its bytes when it is an image the binder can print.</summary>
    private async Task<BinderDiagram?> LatestDiagramAsync(Guid facilityId, CancellationToken ct)
    {
        var file = await db.Set<StoredFile>().AsNoTracking().Where(f => f.FacilityId == facilityId && f.Purpose == FilePurpose.NetworkDiagram)
            .OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        if (file is null)
        {
            return null;
        }
        var bytes = file.ContentType is Diagrams.Png or Diagrams.Jpeg
            ? await db.Set<StoredFileContent>().AsNoTracking().Where(c => c.FileId == file.Id).Select(c => c.Bytes).FirstOrDefaultAsync(ct)
            : null;
        return new BinderDiagram(file.FileName, file.ContentType, file.Version, file.UploadedAt, file.UploadedBy, file.Note, bytes);
    }

    public async Task<IReadOnlyList<ImprovementAction>> ActionsAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        RequireVisible(actor, facilityId);
        var list = await db.Set<ImprovementAction>().AsNoTracking().Where(a => a.FacilityId == facilityId)
            .OrderBy(a => a.DoneAt != null).ThenBy(a => a.TargetOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        audit.Record(actor, "facility.preparedness.view", "facility", facilityId);
        await db.SaveChangesAsync(ct);
        return list;
    }

    /// <summary>An improvement with owner and target date; a checklist item link lets the next round show whether it was done.</summary>
    public async Task<ImprovementAction> AddActionAsync(Actor actor, Guid facilityId, Guid? incidentId, string? title, string? owner, DateOnly? targetOn,
        string? checklist, int? itemNumber, CancellationToken ct = default)
    {
        RequireVisible(actor, facilityId);
        RequireManager(actor, facilityId);
        if (incidentId is { } i && !await db.Set<Incident>().AnyAsync(x => x.Id == i && x.FacilityId == facilityId, ct))
        {
            throw new InvalidInputException("指定されたインシデントがこの医療機関にありません。", "incidentId");
        }
        if (checklist is not null || itemNumber is not null)
        {
            if (catalogs.FindChecklist(CatalogDefaults.CurrentId, checklist ?? "")?.FindItem(itemNumber ?? 0) is null)
            {
                throw new InvalidInputException("チェックリストの項目が見つかりません（例：sysadmin の 45）。", "itemNumber");
            }
        }
        var action = new ImprovementAction
        {
            FacilityId = facilityId, IncidentId = incidentId, Title = Text.Required(title, IncidentService.ReasonMaxLength, "title", "改善策"),
            Owner = Text.Optional(owner, 100, "owner", "担当者"), TargetOn = InputDates.Check(targetOn, "targetOn"), CatalogId = checklist is null ? null : CatalogDefaults.CurrentId,
            Checklist = checklist, ItemNumber = itemNumber, CreatedAt = clock.GetUtcNow(),
        };
        db.Set<ImprovementAction>().Add(action);
        audit.Record(actor, "facility.action.add", "facility", facilityId, detail: action.Title);
        await db.SaveChangesAsync(ct);
        return action;
    }

    public async Task CompleteActionAsync(Actor actor, Guid facilityId, Guid actionId, CancellationToken ct = default)
    {
        RequireVisible(actor, facilityId);
        RequireManager(actor, facilityId);
        var action = await db.Set<ImprovementAction>().FirstOrDefaultAsync(a => a.Id == actionId && a.FacilityId == facilityId, ct)
            ?? throw new NotFoundException("改善策が見つかりません。");
        if (action.DoneAt is not null)
        {
            throw new ConflictException("この改善策はすでに完了しています。");
        }
        action.DoneAt = clock.GetUtcNow();
        action.DoneBy = actor.Name;
        audit.Record(actor, "facility.action.done", "facility", facilityId, detail: action.Title);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Open improvement actions linked to one checklist item (for the next assessment of that item).</summary>
    /// <summary>
    /// The improvement actions linked to items of one checklist, by item number: the next round of that checklist
    /// shows beside each item what was decided after an incident and whether it was done.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<ImprovementAction>>> ActionsForChecklistAsync(Actor actor, Guid facilityId, string checklist, CancellationToken ct = default)
    {
        RequireVisible(actor, facilityId);
        var list = await db.Set<ImprovementAction>().AsNoTracking()
            .Where(a => a.FacilityId == facilityId && a.Checklist == checklist && a.ItemNumber != null)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        return list.GroupBy(a => a.ItemNumber!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<ImprovementAction>)[.. g]);
    }

    private static void RequireVisible(Actor actor, Guid facilityId)
    {
        if (!actor.CanSeeFacility(facilityId))
        {
            throw new NotFoundException("医療機関が見つかりません。");
        }
    }

    private static void RequireManager(Actor actor, Guid facilityId)
    {
        if (!actor.Has(facilityId, Role.Admin))
        {
            throw new ForbiddenException("この操作は医療情報システム安全管理責任者（管理者）が行います。");
        }
    }
}
