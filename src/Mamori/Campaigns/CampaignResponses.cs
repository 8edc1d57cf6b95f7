using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Audit;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Campaigns;

/// <summary>
/// Every response of a campaign, one row each, for the admin's exports (admins and executives only). Anonymous
/// campaigns' rows carry the department alone, under the anonymity rule, in random order: a row with both
/// department and job type is one cell of department × job type, often a single person, and any row left out or
/// relabelled below the departments' level could be worked out again from the department table.
/// </summary>
public sealed class CampaignResponses(MamoriDbContext db, CampaignService campaigns, AuditLog audit)
{
    public async Task<ResponseSheet> ListAsync(Actor actor, Guid id, string action, CancellationToken ct = default)
    {
        var (campaign, facility) = await campaigns.LoadAsync(actor, id, CampaignRight.Read, ct);
        var checklist = campaigns.Checklist(campaign);
        var rows = await (from r in db.Set<CampaignResponse>()
                          join d in db.Set<Department>() on r.DepartmentId equals d.Id
                          join j in db.Set<JobType>() on r.JobTypeId equals j.Id
                          where r.CampaignId == id
                          orderby d.SortOrder, j.SortOrder, r.SubmittedAt
                          select new { r.Id, r.DepartmentId, Department = d.Name, JobType = j.Name, r.Respondent, r.SubmittedAt }).ToListAsync(ct);
        // One query for all answers instead of one per response.
        var answers = (await (from a in db.Set<CampaignAnswer>()
                              join r in db.Set<CampaignResponse>() on a.ResponseId equals r.Id
                              where r.CampaignId == id
                              select new { a.ResponseId, a.ItemNumber, a.Value }).ToListAsync(ct))
            .ToLookup(a => a.ResponseId);
        audit.Record(actor, action, "campaign", id);
        await db.SaveChangesAsync(ct);
        var sheet = rows.Select(r => new ResponseRow(r.DepartmentId, r.Department, r.JobType, r.Respondent, r.SubmittedAt,
            answers[r.Id].ToDictionary(a => a.ItemNumber, a => a.Value))).ToList();
        return new ResponseSheet(campaign, facility, checklist, campaign.Anonymous ? Anonymised(sheet, campaign.AnonymityThreshold) : sheet);
    }

    /// <summary>Departments as the results show them (merged or left-out ones as 「その他（少数）」), shuffled; nothing below the threshold in total.</summary>
    private static List<ResponseRow> Anonymised(List<ResponseRow> rows, int threshold)
    {
        if (!AnonymityRule.CanShowTotal(rows.Count, threshold))
        {
            return [];
        }
        var breakdown = AnonymityRule.Apply(rows.GroupBy(r => r.DepartmentId).Select(g => new GroupCount(g.Key, g.Count())).ToList(), threshold);
        var result = rows.Select(r => r with
        {
            Department = breakdown.Shown.Contains(r.DepartmentId) ? r.Department : AnonymityRule.MergedName,
            JobType = "",
            Respondent = null,
            SubmittedAt = default,
        }).ToArray();
        Random.Shared.Shuffle(result);
        return [.. result];
    }
}

public sealed record ResponseRow(Guid DepartmentId, string Department, string JobType, string? Respondent, DateTimeOffset SubmittedAt, IReadOnlyDictionary<int, AnswerValue> Answers);

public sealed record ResponseSheet(Campaign Campaign, Facilities.Facility Facility, Catalog.Checklist Checklist, IReadOnlyList<ResponseRow> Rows);
