using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Campaigns;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Data;
using Mamori.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

/// <summary>
/// The names of the records a page of access-log entries is about (the facility, round, campaign, incident, person…),
/// read with one query per kind present on the page, never one per entry. A record deleted since keeps its id only.
/// </summary>
public sealed class AuditTargets(MamoriDbContext db, CatalogStore catalogs)
{
    public async Task<IReadOnlyDictionary<(string Kind, string Id), string>> NamesAsync(IEnumerable<AuditEntry> entries, CancellationToken ct = default)
    {
        var names = new Dictionary<(string, string), string>();
        foreach (var group in entries.Where(e => e.TargetKind is not null && e.TargetId is not null).GroupBy(e => e.TargetKind!))
        {
            var ids = group.Select(e => Guid.TryParse(e.TargetId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
            if (ids.Count == 0)
            {
                continue;
            }
            foreach (var (id, name) in await NamesAsync(group.Key, ids, ct))
            {
                names[(group.Key, id.ToString())] = name;
            }
        }
        return names;
    }

    private async Task<List<(Guid Id, string Name)>> NamesAsync(string kind, List<Guid> ids, CancellationToken ct) => kind switch
    {
        "facility" => Pairs(await db.Facilities.AsNoTracking().Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, f.Name }).ToListAsync(ct), x => x.Id, x => x.Name),
        "user" => Pairs(await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct), x => x.Id, x => x.DisplayName),
        "campaign" => Pairs(await db.Set<Campaign>().AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync(ct), x => x.Id, x => x.Title),
        "incident" => Pairs(await db.Set<Incident>().AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Title }).ToListAsync(ct), x => x.Id, x => x.Title),
        "department" => Pairs(await db.Set<Department>().AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync(ct), x => x.Id, x => x.Name),
        "jobtype" => Pairs(await db.Set<JobType>().AsNoTracking().Where(j => ids.Contains(j.Id)).Select(j => new { j.Id, j.Name }).ToListAsync(ct), x => x.Id, x => x.Name),
        "file" => Pairs(await db.Set<StoredFile>().AsNoTracking().Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, f.FileName }).ToListAsync(ct), x => x.Id, x => x.FileName),
        "vendor" => Pairs(await db.Vendors.AsNoTracking().Where(v => ids.Contains(v.Id)).Select(v => new { v.Id, v.SystemName, v.Company }).ToListAsync(ct),
            x => x.Id, x => $"{x.SystemName}（{x.Company}）"),
        "token" => Pairs(await db.ApiTokens.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Label }).ToListAsync(ct), x => x.Id, x => x.Label),
        "assessment" => Pairs(await (from a in db.Assessments.AsNoTracking()
                                     join f in db.Facilities on a.FacilityId equals f.Id
                                     where ids.Contains(a.Id)
                                     select new { a.Id, a.CatalogId, a.Checklist, a.Date, Facility = f.Name }).ToListAsync(ct),
            x => x.Id, x => $"{x.Facility}　{catalogs.FindChecklist(x.CatalogId, x.Checklist)?.Title ?? x.Checklist}（{JapaneseDates.Long(x.Date)}）"),
        _ => [],
    };

    private static List<(Guid, string)> Pairs<T>(List<T> rows, Func<T, Guid> id, Func<T, string?> name) =>
        [.. rows.Select(r => (id(r), name(r) ?? ""))];
}
