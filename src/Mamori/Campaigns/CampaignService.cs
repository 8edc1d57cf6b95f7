using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Data;
using Mamori.Facilities;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Campaigns;

/// <summary>
/// Staff checklist campaigns for signed-in users: creating one, its links (department, person), and what the
/// admin follows while it runs. Pages, the API and the CLI all come through here. Answering is in
/// <see cref="CampaignAnswering"/>, results in <see cref="CampaignResults"/>.
/// </summary>
public sealed class CampaignService(MamoriDbContext db, CatalogStore catalogs, TimeProvider clock, AuditLog audit, DepartmentService departments)
{
    public const int TitleMaxLength = 200;
    public const int PersonNameMaxLength = 100;
    public const int MaxPersonsPerImport = 10_000;

    /// <summary>The staff list of an edition: the one whose audience is all staff.</summary>
    public static Checklist? StaffChecklist(ChecklistCatalog catalog) => catalog.Checklists.FirstOrDefault(c => c.Audience == "staff");

    public async Task<Campaign> CreateAsync(Actor actor, Guid facilityId, string? catalogId, string? title, DateTimeOffset opensAt, DateTimeOffset closesAt, bool anonymous,
        int anonymityThreshold = AnonymityRule.DefaultThreshold, CancellationToken ct = default)
    {
        var facility = await db.Facilities.AsNoTracking().FirstOrDefaultAsync(f => f.Id == facilityId, ct);
        if (facility is null || !actor.CanSeeFacility(facilityId))
        {
            throw new InvalidInputException("指定された医療機関が見つかりません。", "facilityId");
        }
        if (!actor.Has(facilityId, Role.Admin))
        {
            throw new ForbiddenException("職員向けチェックの配布を始められるのはシステム管理者です。");
        }
        var catalog = catalogs.Find(catalogId ?? "") ?? throw new InvalidInputException("指定されたチェックリストの版が見つかりません。", "catalogId");
        var checklist = StaffChecklist(catalog) ?? throw new InvalidInputException("この版には職員向けのチェックリストがありません。", "catalogId");
        var name = Text.Required(title, TitleMaxLength, "title", "タイトル");
        if (closesAt <= opensAt)
        {
            throw new InvalidInputException("締切は開始より後の日時にしてください。", "closesAt");
        }
        if (closesAt - opensAt > TimeSpan.FromDays(366))
        {
            throw new InvalidInputException("受付期間は1年以内にしてください。", "closesAt");
        }
        if (anonymityThreshold is < AnonymityRule.MinimumThreshold or > AnonymityRule.MaximumThreshold)
        {
            throw new InvalidInputException("anonymityThreshold（匿名性のしきい値）は {0}〜{1} の整数で指定してください。", [AnonymityRule.MinimumThreshold, AnonymityRule.MaximumThreshold], "anonymityThreshold");
        }
        await departments.EnsureDefaultsAsync(actor, facilityId, ct);
        var campaign = new Campaign
        {
            FacilityId = facilityId,
            CatalogId = catalog.Id,
            Checklist = checklist.Key,
            Title = name,
            OpensAt = InputDates.Check(opensAt, "opensAt").ToUniversalTime(),
            ClosesAt = InputDates.Check(closesAt, "closesAt").ToUniversalTime(),
            Anonymous = anonymous,
            AnonymityThreshold = anonymityThreshold,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.UserId,
        };
        db.Add(campaign);
        db.Add(new CampaignLink { CampaignId = campaign.Id, Code = LinkCodes.New(), Kind = LinkKind.General });
        var (active, _) = await departments.ActiveListsAsync(facilityId, ct);
        db.AddRange(active.Select(d => new CampaignLink { CampaignId = campaign.Id, Code = LinkCodes.New(), Kind = LinkKind.Department, DepartmentId = d.Id }));
        audit.Record(actor, "campaign.create", "campaign", campaign.Id, detail: $"{facility.Name} / {name} / {(anonymous ? "anonymous" : "named")}");
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>A campaign's header, links and live response counts, for its admins and executives.</summary>
    public async Task<CampaignDetail> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var (campaign, facility) = await LoadAsync(actor, id, CampaignRight.Read, ct);
        var links = await db.Set<CampaignLink>().AsNoTracking().Where(l => l.CampaignId == id && l.Kind != LinkKind.Person).ToListAsync(ct);
        var departmentRows = await db.Set<Department>().AsNoTracking().Where(d => d.FacilityId == campaign.FacilityId).OrderBy(d => d.SortOrder).ToListAsync(ct);
        var counts = await db.Set<CampaignResponse>().Where(r => r.CampaignId == id).GroupBy(r => r.DepartmentId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var persons = await db.Set<CampaignLink>().Where(l => l.CampaignId == id && l.Kind == LinkKind.Person)
            .GroupBy(l => 1).Select(g => new { Total = g.Count(), Used = g.Count(l => l.UsedAt != null) }).FirstOrDefaultAsync(ct);
        var rows = departmentRows
            .Where(d => !d.Retired || counts.ContainsKey(d.Id) || links.Any(l => l.DepartmentId == d.Id))
            .Select(d => new DepartmentProgress(d, links.FirstOrDefault(l => l.DepartmentId == d.Id)?.Code, counts.GetValueOrDefault(d.Id)))
            .ToList();
        audit.Record(actor, "campaign.view", "campaign", id);
        await db.SaveChangesAsync(ct);
        return new CampaignDetail(campaign, facility, Checklist(campaign), campaign.StateAt(clock.GetUtcNow()),
            links.First(l => l.Kind == LinkKind.General).Code, rows, counts.Values.Sum(), persons?.Total ?? 0, persons?.Used ?? 0,
            actor.Has(campaign.FacilityId, Role.Admin));
    }

    /// <summary>A facility's campaigns, newest first, for those who may see them (admins, executives, department managers).</summary>
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        if (!actor.CanSeeFacility(facilityId))
        {
            return [];
        }
        var all = actor.Has(facilityId, Role.Admin) || actor.Has(facilityId, Role.Executive);
        if (!all && (await departments.ManagedDepartmentsAsync(actor, facilityId, ct)).Count == 0)
        {
            return [];
        }
        var list = await db.Set<Campaign>().AsNoTracking().Where(c => c.FacilityId == facilityId).OrderByDescending(c => c.OpensAt)
            .Select(c => new { Campaign = c, Responses = db.Set<CampaignResponse>().Count(r => r.CampaignId == c.Id) }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return list.Select(x => new CampaignSummary(x.Campaign, x.Campaign.StateAt(now), all ? x.Responses : null)).ToList();
    }

    /// <summary>Department links for departments added after the campaign was made.</summary>
    public async Task<int> AddMissingDepartmentLinksAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var (campaign, _) = await LoadAsync(actor, id, CampaignRight.Manage, ct);
        var (active, _) = await departments.ActiveListsAsync(campaign.FacilityId, ct);
        var linked = await db.Set<CampaignLink>().Where(l => l.CampaignId == id && l.Kind == LinkKind.Department).Select(l => l.DepartmentId).ToListAsync(ct);
        var missing = active.Where(d => !linked.Contains(d.Id)).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }
        db.AddRange(missing.Select(d => new CampaignLink { CampaignId = id, Code = LinkCodes.New(), Kind = LinkKind.Department, DepartmentId = d.Id }));
        audit.Record(actor, "campaign.links.add", "campaign", id, detail: string.Join("、", missing.Select(d => d.Name)));
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }

    /// <summary>
    /// Per-person links from pasted lines「氏名, 部門, 職種[, メール]」(comma or tab separated, as copied from a
    /// spreadsheet). Every line is checked before anything is saved, so a typo adds nobody.
    /// </summary>
    public async Task<int> AddPersonsAsync(Actor actor, Guid id, string? lines, CancellationToken ct = default)
    {
        var (campaign, _) = await LoadAsync(actor, id, CampaignRight.Manage, ct);
        var (active, jobTypes) = await departments.ActiveListsAsync(campaign.FacilityId, ct);
        var rows = (lines ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidInputException("1行に1人ずつ「氏名, 部門, 職種」を入力してください。", "persons");
        }
        if (rows.Count > MaxPersonsPerImport)
        {
            throw new InvalidInputException("一度に登録できるのは{0}人までです。", [MaxPersonsPerImport], "persons");
        }
        var links = new List<CampaignLink>();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Split(rows[i].Contains('\t') ? '\t' : ',').Select(c => c.Trim()).ToArray();
            var where = new MessageText("{0}行目", i + 1);
            if (cells.Length is < 3 or > 4)
            {
                throw new InvalidInputException("{0}: 「氏名, 部門, 職種」（メールアドレスは任意で4列目）の形で入力してください。", [where], "persons");
            }
            var name = Text.Required(cells[0], PersonNameMaxLength, "persons", new MessageText("{0}の氏名", where));
            var department = active.FirstOrDefault(d => d.Name == cells[1]) ?? throw new InvalidInputException("{0}: 部門「{1}」は登録されていません。", [where, cells[1]], "persons");
            var jobType = jobTypes.FirstOrDefault(j => j.Name == cells[2]) ?? throw new InvalidInputException("{0}: 職種「{1}」は登録されていません。", [where, cells[2]], "persons");
            var email = cells.Length == 4 ? Text.Optional(cells[3], 254, "persons", new MessageText("{0}のメールアドレス", where)) : null;
            if (email is not null && !email.Contains('@'))
            {
                throw new InvalidInputException("{0}: メールアドレスが正しくありません。", [where], "persons");
            }
            links.Add(new CampaignLink { CampaignId = id, Code = LinkCodes.New(), Kind = LinkKind.Person, DepartmentId = department.Id, JobTypeId = jobType.Id, PersonName = name, PersonEmail = email });
        }
        db.AddRange(links);
        audit.Record(actor, "campaign.persons.add", "campaign", id, detail: $"{links.Count} persons");
        await db.SaveChangesAsync(ct);
        return links.Count;
    }

    /// <summary>Every person link with its department, job type and whether it was answered (the CSV export and the not-answered list).</summary>
    public async Task<(CampaignDetailHeader Header, IReadOnlyList<PersonLinkView> Persons)> PersonLinksAsync(Actor actor, Guid id, string action, CancellationToken ct = default)
    {
        var (campaign, facility) = await LoadAsync(actor, id, CampaignRight.Manage, ct);
        var persons = await (from l in db.Set<CampaignLink>()
                             join d in db.Set<Department>() on l.DepartmentId equals d.Id
                             join j in db.Set<JobType>() on l.JobTypeId equals j.Id
                             where l.CampaignId == id && l.Kind == LinkKind.Person
                             orderby d.SortOrder, l.PersonName
                             select new PersonLinkView(l.PersonName ?? "", l.PersonEmail, d.Name, j.Name, l.Code, l.UsedAt)).ToListAsync(ct);
        audit.Record(actor, action, "campaign", id);
        await db.SaveChangesAsync(ct);
        return (new CampaignDetailHeader(campaign, facility), persons);
    }

    internal Checklist Checklist(Campaign campaign) =>
        catalogs.FindChecklist(campaign.CatalogId, campaign.Checklist) ?? throw new NotFoundException("チェックリストが見つかりません。");

    /// <summary>Loads a campaign through the access rules; unknown and hidden look the same (404).</summary>
    internal async Task<(Campaign, Facility)> LoadAsync(Actor actor, Guid id, CampaignRight right, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null || !actor.CanSeeFacility(campaign.FacilityId))
        {
            throw new NotFoundException("職員向けチェックの配布が見つかりません。");
        }
        var allowed = right switch
        {
            CampaignRight.Read => actor.Has(campaign.FacilityId, Role.Admin) || actor.Has(campaign.FacilityId, Role.Executive),
            CampaignRight.Manage => actor.Has(campaign.FacilityId, Role.Admin),
        };
        if (!allowed)
        {
            await audit.WriteAsync(actor, "campaign.access", "campaign", id, AuditResult.Denied, ct: ct);
            throw right == CampaignRight.Manage && actor.Has(campaign.FacilityId, Role.Executive)
                ? new ForbiddenException("この操作はシステム管理者が行います。")
                : new NotFoundException("職員向けチェックの配布が見つかりません。");
        }
        var facility = await db.Facilities.AsNoTracking().FirstAsync(f => f.Id == campaign.FacilityId, ct);
        return (campaign, facility);
    }
}

internal enum CampaignRight
{
    Read,
    Manage,
}

public sealed record CampaignDetailHeader(Campaign Campaign, Facility Facility);

public sealed record DepartmentProgress(Department Department, string? Code, int Responses)
{
    /// <summary>回答率 against the department's head count; "-" when no head count is set.</summary>
    public Assessments.ResultLine Rate => new(Responses, Department.Headcount);
}

public sealed record CampaignDetail(Campaign Campaign, Facility Facility, Checklist Checklist, CampaignState State, string GeneralCode,
    IReadOnlyList<DepartmentProgress> Departments, int Responses, int Persons, int PersonsAnswered, bool CanManage)
{
    public int Headcount => Departments.Sum(d => d.Department.Headcount);
}

public sealed record CampaignSummary(Campaign Campaign, CampaignState State, int? Responses);

public sealed record PersonLinkView(string Name, string? Email, string Department, string JobType, string Code, DateTimeOffset? UsedAt);
