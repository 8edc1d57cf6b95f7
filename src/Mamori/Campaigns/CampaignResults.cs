using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Audit;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Campaigns;

/// <summary>
/// A campaign's results: the seed's result line summed over all responses, the share of ○ per item, and the
/// department × item and job type × item tables, weakest first, beside the facility's previous campaign.
/// Admins and executives see everything; a department manager sees only their own department(s).
/// </summary>
public sealed class CampaignResults(MamoriDbContext db, CatalogStore catalogs, AuditLog audit, DepartmentService departments)
{
    public async Task<CampaignResult> GetAsync(Actor actor, Guid id, string action = "campaign.result.view", CancellationToken ct = default)
    {
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        var scope = campaign is null ? null : await ScopeAsync(actor, campaign.FacilityId, ct);
        if (campaign is null || scope is null)
        {
            if (campaign is not null)
            {
                await audit.WriteAsync(actor, "campaign.access", "campaign", id, AuditResult.Denied, ct: ct);
            }
            throw new NotFoundException("職員向けチェックの配布が見つかりません。");
        }
        var only = scope.Count == 0 ? null : scope;
        var checklist = catalogs.FindChecklist(campaign.CatalogId, campaign.Checklist) ?? throw new NotFoundException("チェックリストが見つかりません。");
        var facility = await db.Facilities.AsNoTracking().FirstAsync(f => f.Id == campaign.FacilityId, ct);
        var current = await AggregateAsync(campaign.Id, checklist, only, ct);

        var previousCampaign = await db.Set<Campaign>().AsNoTracking()
            .Where(c => c.FacilityId == campaign.FacilityId && c.Id != campaign.Id && c.Checklist == campaign.Checklist && c.OpensAt < campaign.OpensAt)
            .OrderByDescending(c => c.OpensAt).FirstOrDefaultAsync(ct);
        var previous = previousCampaign is null ? null : await AggregateAsync(previousCampaign.Id, checklist, only, ct);

        var departmentRows = await db.Set<Department>().AsNoTracking().Where(d => d.FacilityId == campaign.FacilityId).OrderBy(d => d.SortOrder).ToListAsync(ct);
        var jobTypeRows = await db.Set<JobType>().AsNoTracking().Where(j => j.FacilityId == campaign.FacilityId).OrderBy(j => j.SortOrder).ToListAsync(ct);

        var departmentsShown = departmentRows
            .Where(d => only is null ? !d.Retired || current.Responses(d.Id, null) > 0 : only.Contains(d.Id))
            .Select(d => Row(d.Id, d.Name, d.Headcount, checklist, current, previous, departmentId: d.Id))
            .ToList();
        var jobTypesShown = jobTypeRows
            .Where(j => !j.Retired || current.Responses(null, j.Id) > 0)
            .Select(j => Row(j.Id, j.Name, null, checklist, current, previous, jobTypeId: j.Id))
            .ToList();
        var items = checklist.Items
            .Select(i => new ItemShare(i, current.Line(item: i.Number), previous?.Line(item: i.Number)))
            .OrderBy(i => i.Line.Ratio ?? 101m).ThenBy(i => i.Item.Number)
            .ToList();

        audit.Record(actor, action, "campaign", id, detail: only is null ? null : $"departments: {only.Count}");
        await db.SaveChangesAsync(ct);
        return new CampaignResult(campaign, facility, checklist, current.Responses(null, null), current.Line(), items,
            WeakestFirst(departmentsShown), WeakestFirst(jobTypesShown),
            previousCampaign is null ? null : new PreviousResult(previousCampaign, previous!.Responses(null, null), previous.Line()),
            only is not null);
    }

    /// <summary>Everyone with a right to results: null = none, empty = the whole campaign, otherwise those departments.</summary>
    private async Task<IReadOnlyList<Guid>?> ScopeAsync(Actor actor, Guid facilityId, CancellationToken ct)
    {
        if (!actor.CanSeeFacility(facilityId))
        {
            return null;
        }
        if (actor.Has(facilityId, Role.Admin) || actor.Has(facilityId, Role.Executive))
        {
            return [];
        }
        var managed = await departments.ManagedDepartmentsAsync(actor, facilityId, ct);
        return managed.Count == 0 ? null : managed;
    }

    private static GroupRow Row(Guid id, string name, int? headcount, Checklist checklist, Aggregate current, Aggregate? previous, Guid? departmentId = null, Guid? jobTypeId = null) =>
        new(id, name, headcount, current.Responses(departmentId, jobTypeId), current.Line(departmentId, jobTypeId),
            checklist.Items.ToDictionary(i => i.Number, i => current.Line(departmentId, jobTypeId, i.Number)),
            previous is not null && previous.Responses(departmentId, jobTypeId) > 0 ? previous.Line(departmentId, jobTypeId) : null);

    private static List<GroupRow> WeakestFirst(IEnumerable<GroupRow> rows) =>
        rows.OrderBy(r => r.Responses == 0).ThenBy(r => r.Line.Ratio ?? 101m).ToList();

    /// <summary>
    /// One grouped query over the responses alone, whatever their number: how many responses share a department,
    /// job type and set of ○ answers (<see cref="CampaignResponse.YesMask"/>); every table on the page is a sum over
    /// these groups. Every item of a response is answered, so each group answers every item.
    /// </summary>
    private async Task<Aggregate> AggregateAsync(Guid campaignId, Checklist checklist, IReadOnlyList<Guid>? only, CancellationToken ct)
    {
        if (checklist.Items.Any(i => i.Number > CampaignResponse.MaskedItems))
        {
            throw new InvalidOperationException($"Campaign results hold at most {CampaignResponse.MaskedItems} items per list.");
        }
        var responses = db.Set<CampaignResponse>().Where(r => r.CampaignId == campaignId);
        if (only is not null)
        {
            responses = responses.Where(r => only.Contains(r.DepartmentId));
        }
        var groups = await responses.GroupBy(r => new { r.DepartmentId, r.JobTypeId, r.YesMask })
            .Select(g => new { g.Key.DepartmentId, g.Key.JobTypeId, g.Key.YesMask, Count = g.Count() }).ToListAsync(ct);
        var cells = groups
            .SelectMany(g => checklist.Items.Select(i => (g.DepartmentId, g.JobTypeId, Item: i.Number,
                Yes: (g.YesMask & (1L << (i.Number - 1))) != 0 ? g.Count : 0, g.Count)))
            .GroupBy(c => (c.DepartmentId, c.JobTypeId, c.Item))
            .Select(c => new Cell(c.Key.DepartmentId, c.Key.JobTypeId, c.Key.Item, c.Sum(x => x.Yes), c.Sum(x => x.Count)))
            .ToList();
        var counts = groups.GroupBy(g => (g.DepartmentId, g.JobTypeId))
            .Select(g => new Count(g.Key.DepartmentId, g.Key.JobTypeId, g.Sum(x => x.Count))).ToList();
        return new Aggregate(cells, counts);
    }

    private sealed record Cell(Guid DepartmentId, Guid JobTypeId, int Item, int Yes, int Answers);

    private sealed record Count(Guid DepartmentId, Guid JobTypeId, int Responses);

    private sealed record Aggregate(IReadOnlyList<Cell> Cells, IReadOnlyList<Count> Counts)
    {
        public ResultLine Line(Guid? departmentId = null, Guid? jobTypeId = null, int? item = null)
        {
            var cells = Cells.Where(c => (departmentId is null || c.DepartmentId == departmentId) && (jobTypeId is null || c.JobTypeId == jobTypeId) && (item is null || c.Item == item));
            var (yes, answers) = cells.Aggregate((0, 0), (s, c) => (s.Item1 + c.Yes, s.Item2 + c.Answers));
            return new ResultLine(yes, answers);
        }

        public int Responses(Guid? departmentId, Guid? jobTypeId) =>
            Counts.Where(c => (departmentId is null || c.DepartmentId == departmentId) && (jobTypeId is null || c.JobTypeId == jobTypeId)).Sum(c => c.Responses);
    }
}

/// <summary>A department or job type: its responses, its result line, ○ per item, and its line in the previous campaign.</summary>
public sealed record GroupRow(Guid Id, string Name, int? Headcount, int Responses, ResultLine Line, IReadOnlyDictionary<int, ResultLine> Items, ResultLine? Previous)
{
    /// <summary>回答率: responses over head count (departments only; "-" without a head count).</summary>
    public ResultLine? ResponseRate => Headcount is { } h ? new ResultLine(Responses, h) : null;
}

/// <summary>One item: ○ over answers (share of ○), now and in the previous campaign.</summary>
public sealed record ItemShare(ChecklistItem Item, ResultLine Line, ResultLine? Previous);

public sealed record PreviousResult(Campaign Campaign, int Responses, ResultLine Total);

public sealed record CampaignResult(Campaign Campaign, Facilities.Facility Facility, Checklist Checklist, int Responses, ResultLine Total,
    IReadOnlyList<ItemShare> Items, IReadOnlyList<GroupRow> Departments, IReadOnlyList<GroupRow> JobTypes, PreviousResult? Previous, bool OwnDepartmentsOnly);
