using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Data;
using Mamori.Facilities;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Assessments;

public sealed partial class AssessmentService(MamoriDbContext db, CatalogLibrary catalogs, TimeProvider clock, AuditLog audit)
{
    public const int RespondentMaxLength = 100;
    public const int MemoMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    /// <summary>
    /// The checklists this facility works through: online-qualification only where it does オンライン資格確認等,
    /// and forms meant for other kinds of facility (薬局確認用 and the like) left out.
    /// </summary>
    public static IEnumerable<Checklist> ChecklistsFor(ChecklistCatalog catalog, Facility facility) =>
        catalog.Checklists.Where(c =>
            (c.Requires is null || (c.Requires == "online-qualification" && facility.OnlineQualification))
            && (c.FacilityKinds.Count == 0 || c.FacilityKinds.Contains(facility.Kind.ToKey())));

    public async Task<Assessment> CreateAsync(Actor actor, Guid facilityId, string? catalogId, string? checklistKey, string? respondent, DateOnly date, CancellationToken ct = default) =>
        await CreateAsync(actor, facilityId, catalogId, checklistKey, respondent, date, null, ct);

    /// <param name="carryFrom">A yearly round of an earlier fiscal year to show beside each item (yes-no editions only).</param>
    public async Task<Assessment> CreateAsync(Actor actor, Guid facilityId, string? catalogId, string? checklistKey, string? respondent, DateOnly date, Guid? carryFrom, CancellationToken ct = default)
    {
        var facility = await db.Facilities.AsNoTracking().FirstOrDefaultAsync(f => f.Id == facilityId, ct);
        if (facility is null || !actor.CanSeeFacility(facilityId))
        {
            throw new InvalidInputException("指定された医療機関が見つかりません。", "facilityId");
        }
        var catalog = await catalogs.FindAsync(catalogId, null, ct) ?? throw new InvalidInputException("指定されたチェックリストの版が見つかりません。", "catalogId");
        var checklist = catalog.FindChecklist(checklistKey ?? "") ?? throw new InvalidInputException("指定されたチェックリストが見つかりません。", "checklist");
        if (!ChecklistsFor(catalog, facility).Contains(checklist))
        {
            throw new InvalidInputException("この医療機関はオンライン資格確認等を実施していないため、このチェックリストは使用できません。", "checklist");
        }
        if (!actor.CanWriteChecklist(facilityId, checklist.Audience))
        {
            throw new ForbiddenException("このチェックリストを記入する権限がありません。");
        }
        if (date.Year is < 2000 or > 2100)
        {
            throw new InvalidInputException("日付が正しくありません。", "date");
        }
        var now = clock.GetUtcNow();
        var assessment = new Assessment
        {
            FacilityId = facilityId,
            CatalogId = catalog.Id,
            Checklist = checklist.Key,
            Respondent = Text.Required(respondent, RespondentMaxLength, "respondent", "記入者"),
            Date = InputDates.Check(date, "date"),
            CreatedAt = now,
            CreatedBy = actor.UserId,
            CatalogRevision = catalog.Revision,
        };
        if (catalog.IsYesNo)
        {
            assessment.YearlyAnswers = checklist.Items
                .SelectMany(i => Enumerable.Range(1, catalog.AnswerScheme.Rounds).Select(r => new YearlyAnswer { ItemNumber = i.Number, Round = r }))
                .ToList();
            if (carryFrom is { } from)
            {
                await CarryForwardAsync(actor, assessment, catalog, checklist, from, ct);
            }
        }
        else
        {
            if (carryFrom is not null)
            {
                throw new InvalidInputException("前年度の回答の引き継ぎは、はい／いいえで答える年度版のチェックリストだけで使えます。", "carryFrom");
            }
            assessment.Answers = checklist.Items.Select(i => new AssessmentAnswer { ItemNumber = i.Number }).ToList();
        }
        db.Assessments.Add(assessment);
        db.AssessmentChanges.Add(Change(actor, assessment.Id, ChangeKind.Created, now));
        audit.Record(actor, "assessment.create", "assessment", assessment.Id, detail: $"{facility.Name} / {checklist.Key}");
        await db.SaveChangesAsync(ct);
        return assessment;
    }

    /// <summary>A round for display or export; the view (or export) is written to the access log.</summary>
    public Task<AssessmentView> GetAsync(Actor actor, Guid id, CancellationToken ct = default) => GetAsync(actor, id, "assessment.view", ct);

    public async Task<AssessmentView> GetAsync(Actor actor, Guid id, string action, CancellationToken ct = default)
    {
        var assessment = await AssessmentReads.WithAnswersAsync(db, id, ct);
        var view = await ViewAsync(actor, assessment, write: false, ct);
        audit.Record(actor, action, "assessment", id);
        await db.SaveChangesAsync(ct);
        return view;
    }

    /// <summary>Sets one item's answer and/or memo in one change and returns the answer's new revision (for the next If-Match).</summary>
    public async Task<int> SaveAnswerAsync(Actor actor, Guid id, int number, AnswerUpdate update, int? seenRevision = null, CancellationToken ct = default)
    {
        var memo = update.SetsMemo ? Text.Optional(update.Memo, MemoMaxLength, "memo", "メモ", multiline: true) : null;
        var view = await ViewAsync(actor, await AssessmentReads.HeaderAsync(db, id, ct), write: true, ct);
        if (view.Catalog.IsYesNo)
        {
            throw new InvalidInputException("年度版のチェックリストでは round（1 または 2）、answer（\"yes\" / \"no\" / null）と confirmedOn（確認日）を指定してください。", "round");
        }
        // The round is read again inside the transaction that saves, holding it against a completion in between.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var assessment = await AssessmentReads.HeaderForWriteAsync(db, id, ct) ?? throw new NotFoundException("チェックリストの回が見つかりません。");
        assessment.EnsureEditable();
        var answer = await db.AssessmentAnswers.FirstOrDefaultAsync(a => a.AssessmentId == id && a.ItemNumber == number, ct)
            ?? throw new InvalidInputException("項目番号 {0} はこのチェックリストにありません。", [number], "number");
        if (seenRevision is { } seen && seen != answer.Revision)
        {
            throw new ConflictException("項目{0}は他の人が先に変更しました。画面を再読み込みして最新の回答を確認してください。", [number]);
        }
        if (Apply(db, actor, answer, update.SetsValue, update.Value, update.SetsMemo, memo, clock.GetUtcNow()))
        {
            audit.Record(actor, "assessment.answer", "assessment", id, detail: $"item {number}: {answer.Value.ToKey() ?? "-"}");
            await SaveAsync(ct);
            await transaction.CommitAsync(CancellationToken.None);
        }
        return answer.Revision;
    }

    public Task<int> SetAnswerAsync(Actor actor, Guid id, int number, AnswerValue? value, int? seenRevision = null, CancellationToken ct = default) =>
        SaveAnswerAsync(actor, id, number, AnswerUpdate.OfValue(value), seenRevision, ct);

    public Task<int> SetMemoAsync(Actor actor, Guid id, int number, string? memo, int? seenRevision = null, CancellationToken ct = default) =>
        SaveAnswerAsync(actor, id, number, AnswerUpdate.OfMemo(memo), seenRevision, ct);

    /// <summary>
    /// Saves a whole posted form (the no-JavaScript path). Items someone else changed since the form was
    /// loaded are not overwritten; their numbers come back so the page can show the current answers.
    /// </summary>
    public async Task<IReadOnlyList<int>> SaveFormAsync(Actor actor, Guid id, IReadOnlyList<AnswerEdit> edits, CancellationToken ct = default)
    {
        var assessment = await db.Assessments.Include(a => a.Answers).FirstOrDefaultAsync(a => a.Id == id, ct);
        var view = await ViewAsync(actor, assessment, write: true, ct);
        assessment!.EnsureEditable();
        var now = clock.GetUtcNow();
        var conflicts = new List<int>();
        foreach (var edit in edits)
        {
            var answer = view.AnswerFor(edit.Number) ?? throw new InvalidInputException("項目番号 {0} はこのチェックリストにありません。", [edit.Number], "number");
            var memo = Text.Optional(edit.Memo, MemoMaxLength, "memo", new MessageText("項目{0}のメモ", edit.Number), multiline: true);
            if (answer.Value == edit.Value && answer.Memo == memo)
            {
                continue;
            }
            if (answer.Revision != edit.SeenRevision)
            {
                conflicts.Add(edit.Number);
                continue;
            }
            if (Apply(db, actor, answer, true, edit.Value, true, memo, now))
            {
                audit.Record(actor, "assessment.answer", "assessment", id, detail: $"item {edit.Number}: {answer.Value.ToKey() ?? "-"}");
            }
        }
        await SaveAsync(ct);
        return conflicts;
    }

    public async Task UpdateDetailsAsync(Actor actor, Guid id, string? respondent, DateOnly date, int seenRevision, CancellationToken ct = default)
    {
        var assessment = await LoadForWriteAsync(actor, id, ct);
        assessment.EnsureEditable();
        CheckRevision(assessment, seenRevision);
        var name = Text.Required(respondent, RespondentMaxLength, "respondent", "記入者");
        var now = clock.GetUtcNow();
        if (name != assessment.Respondent)
        {
            db.AssessmentChanges.Add(Change(actor, id, ChangeKind.Respondent, now, null, assessment.Respondent, name));
            assessment.Respondent = name;
        }
        if (date != assessment.Date)
        {
            db.AssessmentChanges.Add(Change(actor, id, ChangeKind.Date, now, null, JapaneseDates.Iso(assessment.Date), JapaneseDates.Iso(date)));
            assessment.Date = InputDates.Check(date, "date");
        }
        audit.Record(actor, "assessment.details", "assessment", id);
        await SaveAsync(ct);
    }

    public async Task CompleteAsync(Actor actor, Guid id, int? seenRevision = null, CancellationToken ct = default)
    {
        var assessment = await LoadForWriteAsync(actor, id, ct);
        if (seenRevision is { } seen)
        {
            CheckRevision(assessment, seen);
        }
        var now = clock.GetUtcNow();
        assessment.Complete(actor.UserId, now);
        db.AssessmentChanges.Add(Change(actor, id, ChangeKind.Completed, now));
        audit.Record(actor, "assessment.complete", "assessment", id);
        await SaveAsync(ct);
    }

    public async Task ReopenAsync(Actor actor, Guid id, string? reason, CancellationToken ct = default)
    {
        var assessment = await LoadForWriteAsync(actor, id, ct);
        var text = Text.Optional(reason, ReasonMaxLength, "reason", "再開する理由", multiline: true) ?? "";
        assessment.Reopen(text);
        var change = Change(actor, id, ChangeKind.Reopened, clock.GetUtcNow());
        change.Reason = text;
        db.AssessmentChanges.Add(change);
        audit.Record(actor, "assessment.reopen", "assessment", id, detail: text);
        await SaveAsync(ct);
    }

    public async Task<IReadOnlyList<AssessmentChange>> HistoryAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await GetHeaderAsync(actor, id, ct);
        return await db.AssessmentChanges.AsNoTracking().Where(c => c.AssessmentId == id).OrderByDescending(c => c.Id).ToListAsync(ct);
    }

    /// <summary>Every round of one checklist at one facility, newest first, with results.</summary>
    public async Task<IReadOnlyList<RoundSummary>> ListRoundsAsync(Actor actor, Guid facilityId, string catalogId, string checklistKey, CancellationToken ct = default)
    {
        var catalog = await catalogs.FindAsync(catalogId, null, ct);
        var checklist = catalog?.FindChecklist(checklistKey) ?? throw new NotFoundException("チェックリストが見つかりません。");
        if (catalog!.IsYesNo)
        {
            return await ListYearlyRoundsAsync(actor, facilityId, catalog, checklist, ct);
        }
        if (!actor.CanSeeFacility(facilityId) || !actor.CanReadChecklist(facilityId, checklist.Audience))
        {
            return [];
        }
        var rounds = await db.Assessments.AsNoTracking()
            .Where(a => a.FacilityId == facilityId && a.CatalogId == catalogId && a.Checklist == checklistKey)
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.CreatedAt)
            .Select(a => new { a.Id, a.Respondent, a.Date, a.Status, Answers = a.Answers.Where(x => x.Value != null).Select(x => new { x.ItemNumber, x.Value }).ToList() })
            .ToListAsync(ct);
        return rounds.Select(r => new RoundSummary(r.Id, checklistKey, r.Respondent, r.Date, r.Status,
            AssessmentResult.Compute(checklist, r.Answers.ToDictionary(x => x.ItemNumber, x => x.Value)), r.Answers.Count)).ToList();
    }

    public async Task<RoundComparison> CompareAsync(Actor actor, Guid beforeId, Guid afterId, CancellationToken ct = default)
    {
        var before = await GetAsync(actor, beforeId, ct);
        var after = await GetAsync(actor, afterId, ct);
        if (before.Assessment.FacilityId != after.Assessment.FacilityId || before.Checklist != after.Checklist)
        {
            throw new InvalidInputException("比較できるのは同じ医療機関の同じチェックリストの回どうしです。");
        }
        if (before.Assessment.Date > after.Assessment.Date)
        {
            (before, after) = (after, before);
        }
        var items = after.Checklist.Items
            .Select(i => new ItemComparison(i, before.AnswerFor(i.Number)?.Value, after.AnswerFor(i.Number)?.Value))
            .ToList();
        return new RoundComparison(before, after, items);
    }

    private async Task<Assessment> GetHeaderAsync(Actor actor, Guid id, CancellationToken ct, bool write = false)
    {
        var assessment = await AssessmentReads.HeaderAsync(db, id, ct);
        await ViewAsync(actor, assessment, write, ct);
        return assessment!;
    }

    private async Task<Assessment> LoadForWriteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, ct);
        await ViewAsync(actor, assessment, write: true, ct);
        return assessment!;
    }

    /// <summary>Resolves a round's facility and checklist and applies the access rules; unknown and forbidden look the same.</summary>
    private async Task<AssessmentView> ViewAsync(Actor actor, Assessment? assessment, bool write, CancellationToken ct)
    {
        // A vendor reads (never writes) exactly the rounds shared with them.
        var shared = assessment is not null && !write && await AssessmentSharing.IsSharedWithAsync(db, actor, assessment, ct);
        if (assessment is null || (!shared && !actor.CanSeeFacility(assessment.FacilityId)))
        {
            if (assessment is not null)
            {
                await RecordDeniedAsync(actor, assessment.Id, ct);
            }
            throw new NotFoundException("チェックリストの回が見つかりません。");
        }
        var catalog = await catalogs.FindAsync(assessment.CatalogId, assessment.CatalogRevision, ct) ?? throw new NotFoundException("チェックリストの版が見つかりません。");
        var checklist = catalog.FindChecklist(assessment.Checklist) ?? throw new NotFoundException("チェックリストが見つかりません。");
        if (!shared && !actor.CanReadChecklist(assessment.FacilityId, checklist.Audience))
        {
            await RecordDeniedAsync(actor, assessment.Id, ct);
            throw new NotFoundException("チェックリストの回が見つかりません。");
        }
        if (write && !actor.CanWriteChecklist(assessment.FacilityId, checklist.Audience))
        {
            await RecordDeniedAsync(actor, assessment.Id, ct);
            throw new ForbiddenException("このチェックリストを記入する権限がありません。");
        }
        var facility = await FacilityReads.ByIdAsync(db, assessment.FacilityId, ct);
        return new AssessmentView(assessment, facility, catalog, checklist);
    }

    /// <summary>An attempt on a round the actor may not see or change is logged on its own, apart from any pending change.</summary>
    private async Task RecordDeniedAsync(Actor actor, Guid id, CancellationToken ct)
    {
        await audit.WriteAsync(actor, "assessment.access", "assessment", id, AuditResult.Denied, ct: ct);
    }

    private static void CheckRevision(Assessment assessment, int seenRevision)
    {
        if (assessment.Revision != seenRevision)
        {
            throw new ConflictException("この回は他の人が先に変更しました。画面を再読み込みしてから操作してください。");
        }
    }

    /// <summary>Changes what differs, records each change, and bumps the revision once; false when nothing changed.</summary>
    private static bool Apply(MamoriDbContext context, Actor actor, AssessmentAnswer answer, bool setValue, AnswerValue? value, bool setMemo, string? memo, DateTimeOffset now)
    {
        var changed = false;
        if (setValue && answer.Value != value)
        {
            context.AssessmentChanges.Add(Change(actor, answer.AssessmentId, ChangeKind.Answer, now, answer.ItemNumber, answer.Value.ToKey(), value.ToKey()));
            answer.Value = value;
            changed = true;
        }
        if (setMemo && answer.Memo != memo)
        {
            context.AssessmentChanges.Add(Change(actor, answer.AssessmentId, ChangeKind.Memo, now, answer.ItemNumber, answer.Memo, memo));
            answer.Memo = memo;
            changed = true;
        }
        return changed;
    }

    private static ConflictException Conflicted() =>
        new("他の人が同時に同じ項目を変更しました。画面を再読み込みして最新の回答を確認してください。");

    private static AssessmentChange Change(Actor actor, Guid id, ChangeKind kind, DateTimeOffset at, int? number = null, string? oldValue = null, string? newValue = null) =>
        new() { AssessmentId = id, Kind = kind, ItemNumber = number, OldValue = oldValue, NewValue = newValue, At = at, UserId = actor.UserId, UserName = actor.Name };

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflicted();
        }
    }
}
