using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Audit;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Campaigns;

/// <summary>
/// The public side of a campaign: /r/{code} without an account. Anyone holding a link may answer; nobody can
/// read anything through it beyond the questionnaire itself.
/// </summary>
public sealed class CampaignAnswering(MamoriDbContext db, CatalogStore catalogs, TimeProvider clock, AuditLog audit, DepartmentService departments)
{
    /// <summary>What the answering page shows for a link: 404 for an unknown code, the state otherwise (the page explains a closed one).</summary>
    public async Task<AnswerForm> OpenAsync(string? code, CancellationToken ct = default)
    {
        var link = await FindLinkAsync(code, ct);
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstAsync(c => c.Id == link.CampaignId, ct);
        var facilityName = await db.Facilities.Where(f => f.Id == campaign.FacilityId).Select(f => f.Name).FirstAsync(ct);
        var (active, jobTypes) = await departments.ActiveListsAsync(campaign.FacilityId, ct);
        var checklist = catalogs.FindChecklist(campaign.CatalogId, campaign.Checklist) ?? throw new NotFoundException("チェックリストが見つかりません。");
        return new AnswerForm(campaign, facilityName, link, checklist, active, jobTypes, campaign.StateAt(clock.GetUtcNow()));
    }

    /// <summary>
    /// Stores one response. The response, a person link's "used" mark and the access-log entry are one
    /// transaction, committed before this returns: once the caller says "received", it is on disk.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string? code, ResponseInput input, CancellationToken ct = default)
    {
        var link = await FindLinkAsync(code, ct, tracked: true);
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstAsync(c => c.Id == link.CampaignId, ct);
        var now = clock.GetUtcNow();
        campaign.EnsureOpen(now);
        if (link.Kind == LinkKind.Person && link.UsedAt is not null)
        {
            throw new ConflictException("このリンクからは既に回答が送信されています。回答は1人1回です。");
        }
        var checklist = catalogs.FindChecklist(campaign.CatalogId, campaign.Checklist) ?? throw new NotFoundException("チェックリストが見つかりません。");
        var (active, jobTypes) = await departments.ActiveListsAsync(campaign.FacilityId, ct);
        var department = Pick(active, input.Department, link.DepartmentId, "department", "部門");
        var jobType = Pick(jobTypes, input.JobType, link.JobTypeId, "jobType", "職種");
        var respondent = campaign.Anonymous
            ? null
            : link.Kind == LinkKind.Person ? link.PersonName : Text.Required(input.Respondent, CampaignService.PersonNameMaxLength, "respondent", "氏名");
        var answers = ReadAnswers(checklist, input.Answers);

        var response = new CampaignResponse
        {
            // An anonymous response carries no precise time: neither a time-ordered id nor a timestamp that
            // could be matched with the access log's entry (which records the client address).
            Id = campaign.Anonymous ? Guid.NewGuid() : Guid.CreateVersion7(),
            CampaignId = campaign.Id,
            DepartmentId = department.Id,
            JobTypeId = jobType.Id,
            LinkId = campaign.Anonymous ? null : link.Kind == LinkKind.Person ? link.Id : null,
            Respondent = respondent,
            SubmittedAt = campaign.Anonymous ? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) : now,
            Answers = answers.Select(a => new CampaignAnswer { ItemNumber = a.Key, Value = a.Value }).ToList(),
        };
        response.Answers.ForEach(a => a.ResponseId = response.Id);
        response.YesMask = CampaignResponse.MaskOf(response.Answers);
        db.Add(response);
        if (link.Kind == LinkKind.Person)
        {
            link.UsedAt = now;
        }
        var actor = new Actor(null, respondent is null ? "回答者（匿名）" : $"回答者: {respondent}", []);
        if (campaign.Anonymous)
        {
            audit.RecordWithoutClient(actor, "campaign.respond", "campaign", campaign.Id, detail: link.Kind.ToString().ToLowerInvariant());
        }
        else
        {
            audit.Record(actor, "campaign.respond", "campaign", campaign.Id, detail: link.Kind.ToString().ToLowerInvariant());
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second response through the same person link, sent at the same moment: the link's revision
            // (or the unique LinkId) refuses it.
            db.ChangeTracker.Clear();
            throw new ConflictException("このリンクからは既に回答が送信されています。回答は1人1回です。");
        }
        var weak = checklist.Items.Where(i => answers[i.Number] == AnswerValue.No).ToList();
        return new SubmitResult(response.Id, campaign.Title, weak);
    }

    private async Task<CampaignLink> FindLinkAsync(string? code, CancellationToken ct, bool tracked = false)
    {
        var normalized = code?.Trim().ToLowerInvariant();
        if (!LinkCodes.LooksValid(normalized))
        {
            throw new NotFoundException("このリンクは見つかりません。URLが正しいか確認してください。");
        }
        var query = tracked ? db.Set<CampaignLink>() : db.Set<CampaignLink>().AsNoTracking();
        return await query.FirstOrDefaultAsync(l => l.Code == normalized, ct)
            ?? throw new NotFoundException("このリンクは見つかりません。URLが正しいか確認してください。");
    }

    /// <summary>The department or job type given by name (or id); the link's own when none is given.</summary>
    private static T Pick<T>(IReadOnlyList<T> options, string? given, Guid? fromLink, string field, string label) where T : class
    {
        static (Guid Id, string Name) Key(T x) => x switch
        {
            Department d => (d.Id, d.Name),
            JobType j => (j.Id, j.Name),
            _ => throw new InvalidOperationException(),
        };
        var text = given?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return options.FirstOrDefault(o => Key(o).Id == fromLink) ?? throw new InvalidInputException("{0}を選んでください。", [label], field);
        }
        return options.FirstOrDefault(o => Key(o).Name == text || Key(o).Id.ToString() == text)
            ?? throw new InvalidInputException("{0}「{1}」はこの医療機関の一覧にありません。", [label, Text.Truncate(text, 50)], field);
    }

    /// <summary>Every item answered ○ ("yes") or × ("no"), nothing else: a half-filled sheet would skew the shares.</summary>
    private static Dictionary<int, AnswerValue> ReadAnswers(Checklist checklist, IReadOnlyDictionary<string, string?>? given)
    {
        var byNumber = new Dictionary<int, string?>();
        foreach (var (key, value) in given ?? new Dictionary<string, string?>())
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                || checklist.FindItem(n) is null || !byNumber.TryAdd(n, value))
            {
                throw new InvalidInputException("項目番号「{0}」はこのチェックリストにありません。", [Text.Truncate(key, 10)], "answers");
            }
        }
        var answers = new Dictionary<int, AnswerValue>();
        var missing = new List<int>();
        foreach (var item in checklist.Items)
        {
            if (byNumber.GetValueOrDefault(item.Number) is not { Length: > 0 } value)
            {
                missing.Add(item.Number);
                continue;
            }
            answers[item.Number] = value switch
            {
                "yes" => AnswerValue.Yes,
                "no" => AnswerValue.No,
                _ => throw new InvalidInputException("項目{0}の回答は \"yes\"（○）か \"no\"（×）で指定してください。", [item.Number], "answers"),
            };
        }
        if (missing.Count > 0)
        {
            throw new InvalidInputException("すべての項目に○か×で回答してください（未回答: {0}）。", [new MessageList("、", [.. missing.Select(n => new MessageText("項目{0}", n))])], "answers");
        }
        return answers;
    }
}

/// <summary>What someone sent: names (or ids) of department and job type, the name in named campaigns, "yes"/"no" per item number.</summary>
public sealed record ResponseInput(string? Department, string? JobType, string? Respondent, IReadOnlyDictionary<string, string?>? Answers);

public sealed record AnswerForm(Campaign Campaign, string FacilityName, CampaignLink Link, Checklist Checklist,
    IReadOnlyList<Department> Departments, IReadOnlyList<JobType> JobTypes, CampaignState State);

/// <summary>After a response: the × items, each with its staff guidance, so that answering already teaches.</summary>
public sealed record SubmitResult(Guid ResponseId, string CampaignTitle, IReadOnlyList<ChecklistItem> WeakItems);
