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
        var departmentGroups = departmentRows
            .Where(d => only is null ? !d.Retired || current.Responses(d.Id, null) > 0 : only.Contains(d.Id))
            .Select(d => new Group(d.Id, d.Name, d.Headcount)).ToList();
        var jobTypeGroups = jobTypeRows
            .Where(j => !j.Retired || current.Responses(null, j.Id) > 0)
            .Select(j => new Group(j.Id, j.Name, null)).ToList();

        // The anonymity rule holds whenever either campaign of the comparison was anonymous.
        int? threshold = campaign.Anonymous || previousCampaign?.Anonymous == true
            ? Math.Max(campaign.Anonymous ? campaign.AnonymityThreshold : 0, previousCampaign?.Anonymous == true ? previousCampaign.AnonymityThreshold : 0)
            : null;
        var view = new View(checklist, current, previous, threshold);
        var responses = current.Responses(null, null);
        var withheld = !view.CanShowTotal(current);
        var hiddenDepartments = 0;
        var hiddenJobTypes = 0;
        var departmentsShown = withheld ? [] : view.Rows(departmentGroups, byDepartment: true, out hiddenDepartments);
        var jobTypesShown = withheld ? [] : view.Rows(jobTypeGroups, byDepartment: false, out hiddenJobTypes);
        var items = checklist.Items
            .Select(i => new ItemShare(i, withheld ? ResultLine.Empty : current.Line(item: i.Number), view.PreviousTotal?.Line(item: i.Number)))
            .OrderBy(i => i.Line.Ratio ?? 101m).ThenBy(i => i.Item.Number)
            .ToList();

        audit.Record(actor, action, "campaign", id, detail: only is null ? null : $"departments: {only.Count}");
        await db.SaveChangesAsync(ct);
        return new CampaignResult(campaign, facility, checklist, responses, withheld ? ResultLine.Empty : current.Line(), items,
            WeakestFirst(departmentsShown), WeakestFirst(jobTypesShown),
            previousCampaign is null ? null : new PreviousResult(previousCampaign, previous!.Responses(null, null), view.PreviousTotal?.Line() ?? ResultLine.Empty),
            only is not null,
            threshold is { } k ? new AnonymitySummary(k, withheld, hiddenDepartments, hiddenJobTypes) : null);
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

    private sealed record Group(Guid Id, string Name, int? Headcount);

    /// <summary>The tables of one result: every group's row, under the anonymity rule when there is a threshold.</summary>
    private sealed class View(Checklist checklist, Aggregate current, Aggregate? previous, int? threshold)
    {
        /// <summary>The previous campaign's figures, when its own total may be shown.</summary>
        public Aggregate? PreviousTotal { get; } = previous is not null && (threshold is not { } k || AnonymityRule.CanShowTotal(previous.Responses(null, null), k)) ? previous : null;

        public bool CanShowTotal(Aggregate aggregate) => threshold is not { } k || AnonymityRule.CanShowTotal(aggregate.Responses(null, null), k);

        public List<GroupRow> Rows(IReadOnlyList<Group> groups, bool byDepartment, out int hidden)
        {
            int Count(Aggregate a, Guid id) => byDepartment ? a.Responses(id, null) : a.Responses(null, id);
            if (threshold is not { } k)
            {
                hidden = 0;
                return groups.Select(g => Row(g.Name, g.Headcount, [g.Id], byDepartment, previousShown: previous is not null && Count(previous, g.Id) > 0)).ToList();
            }
            var now = AnonymityRule.Apply(groups.Select(g => new GroupCount(g.Id, Count(current, g.Id))).ToList(), k);
            var before = PreviousTotal is null ? null : AnonymityRule.Apply(groups.Select(g => new GroupCount(g.Id, Count(PreviousTotal, g.Id))).ToList(), k);
            var rows = groups.Where(g => now.Shown.Contains(g.Id))
                .Select(g => Row(g.Name, g.Headcount, [g.Id], byDepartment, previousShown: before is not null && before.Shown.Contains(g.Id) && Count(PreviousTotal!, g.Id) > 0))
                .ToList();
            if (now.Merged.Count > 0)
            {
                rows.Add(Row(AnonymityRule.MergedName, null, now.Merged, byDepartment, previousShown: false, merged: true));
            }
            hidden = now.Hidden;
            return rows;
        }

        private GroupRow Row(string name, int? headcount, IReadOnlyCollection<Guid> ids, bool byDepartment, bool previousShown, bool merged = false)
        {
            ResultLine Line(Aggregate a, int? item = null) => a.Line(ids, byDepartment, item);
            var responses = ids.Sum(id => byDepartment ? current.Responses(id, null) : current.Responses(null, id));
            return new GroupRow(ids.Count == 1 ? ids.First() : Guid.Empty, name, headcount, responses, Line(current),
                checklist.Items.ToDictionary(i => i.Number, i => Line(current, i.Number)),
                previousShown ? Line(PreviousTotal!) : null, merged);
        }
    }

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

        /// <summary>The line of a set of departments (or of job types), for one row or a merged 「その他（少数）」 row.</summary>
        public ResultLine Line(IReadOnlyCollection<Guid> ids, bool byDepartment, int? item)
        {
            var cells = Cells.Where(c => ids.Contains(byDepartment ? c.DepartmentId : c.JobTypeId) && (item is null || c.Item == item));
            var (yes, answers) = cells.Aggregate((0, 0), (s, c) => (s.Item1 + c.Yes, s.Item2 + c.Answers));
            return new ResultLine(yes, answers);
        }

        public int Responses(Guid? departmentId, Guid? jobTypeId) =>
            Counts.Where(c => (departmentId is null || c.DepartmentId == departmentId) && (jobTypeId is null || c.JobTypeId == jobTypeId)).Sum(c => c.Responses);
    }
}

/// <summary>
/// A department or job type: its responses, its result line, ○ per item, and its line in the previous campaign.
/// <paramref name="Merged"/>: the 「その他（少数）」 row of small groups (no id of its own: Guid.Empty).
/// </summary>
public sealed record GroupRow(Guid Id, string Name, int? Headcount, int Responses, ResultLine Line, IReadOnlyDictionary<int, ResultLine> Items, ResultLine? Previous, bool Merged = false)
{
    /// <summary>回答率: responses over head count (departments only; "-" without a head count).</summary>
    public ResultLine? ResponseRate => Headcount is { } h ? new ResultLine(Responses, h) : null;
}

/// <summary>One item: ○ over answers (share of ○), now and in the previous campaign.</summary>
public sealed record ItemShare(ChecklistItem Item, ResultLine Line, ResultLine? Previous);

public sealed record PreviousResult(Campaign Campaign, int Responses, ResultLine Total);

public sealed record CampaignResult(Campaign Campaign, Facilities.Facility Facility, Checklist Checklist, int Responses, ResultLine Total,
    IReadOnlyList<ItemShare> Items, IReadOnlyList<GroupRow> Departments, IReadOnlyList<GroupRow> JobTypes, PreviousResult? Previous, bool OwnDepartmentsOnly,
    AnonymitySummary? Anonymity = null);

/// <summary>
/// How the anonymity rule shaped a result: its threshold, whether everything but the count is withheld (fewer
/// responses than the threshold), and how many departments and job types were left out of the breakdowns.
/// </summary>
public sealed record AnonymitySummary(int Threshold, bool Withheld, int HiddenDepartments, int HiddenJobTypes);
