using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Audit;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Campaigns;

/// <summary>Every response of a campaign, one row each, for the admin's exports (admins and executives only).</summary>
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
                          select new { r.Id, Department = d.Name, JobType = j.Name, r.Respondent, r.SubmittedAt }).ToListAsync(ct);
        // One query for all answers instead of one per response.
        var answers = (await (from a in db.Set<CampaignAnswer>()
                              join r in db.Set<CampaignResponse>() on a.ResponseId equals r.Id
                              where r.CampaignId == id
                              select new { a.ResponseId, a.ItemNumber, a.Value }).ToListAsync(ct))
            .ToLookup(a => a.ResponseId);
        audit.Record(actor, action, "campaign", id);
        await db.SaveChangesAsync(ct);
        return new ResponseSheet(campaign, facility, checklist, rows.Select(r => new ResponseRow(r.Department, r.JobType, r.Respondent, r.SubmittedAt,
            answers[r.Id].ToDictionary(a => a.ItemNumber, a => a.Value))).ToList());
    }
}

public sealed record ResponseRow(string Department, string JobType, string? Respondent, DateTimeOffset SubmittedAt, IReadOnlyDictionary<int, AnswerValue> Answers);

public sealed record ResponseSheet(Campaign Campaign, Facilities.Facility Facility, Catalog.Checklist Checklist, IReadOnlyList<ResponseRow> Rows);
