using Mamori.Accounts;
using Mamori.Catalog;
using Mamori.Common;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Assessments;

/// <summary>The yearly editions' rounds: はい / いいえ in 1回目 and 2回目, each with its 確認日 and, for いいえ, its 目標日.</summary>
public sealed partial class AssessmentService
{
    /// <summary>Saves one item's answer in one round and returns that answer's new revision (for the next If-Match).</summary>
    public async Task<int> SaveYearlyAnswerAsync(Actor actor, Guid id, int number, YearlyUpdate update, int? seenRevision = null, CancellationToken ct = default)
    {
        var view = await ViewAsync(actor, await AssessmentReads.HeaderAsync(db, id, ct), write: true, ct);
        if (!view.Catalog.IsYesNo)
        {
            throw new InvalidInputException("このチェックリストは ○／× で答える版です。round・confirmedOn・targetDate は使えません。", "round");
        }
        if (view.Checklist.FindItem(number) is null)
        {
            throw new InvalidInputException("項目番号 {0} はこのチェックリストにありません。", [number], "number");
        }
        var memo = update.SetsMemo ? Text.Optional(update.Memo, MemoMaxLength, "memo", "メモ", multiline: true) : null;
        var (confirmedOn, targetDate) = CheckYearlyDates(view, update, view.Checklist.FindItem(number)!.Gateway);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var assessment = await AssessmentReads.HeaderForWriteAsync(db, id, ct) ?? throw new NotFoundException("チェックリストの回が見つかりません。");
        assessment.EnsureEditable();
        var answer = await db.YearlyAnswers.FirstOrDefaultAsync(a => a.AssessmentId == id && a.Round == update.Round && a.ItemNumber == number, ct)
            ?? throw new InvalidInputException("項目番号 {0} はこのチェックリストにありません。", [number], "number");
        if (seenRevision is { } seen && seen != answer.Revision)
        {
            throw new ConflictException("項目{0}（{1}回目）は他の人が先に変更しました。画面を再読み込みして最新の回答を確認してください。", [number, update.Round]);
        }
        var before = Describe(answer.Value, answer.ConfirmedOn, answer.TargetDate);
        var after = Describe(update.Value, confirmedOn, targetDate);
        var now = clock.GetUtcNow();
        var changed = false;
        if (before != after)
        {
            db.AssessmentChanges.Add(Change(actor, id, ChangeKind.Answer, now, number, $"{update.Round}: {before}", $"{update.Round}: {after}"));
            (answer.Value, answer.ConfirmedOn, answer.TargetDate) = (update.Value, confirmedOn, targetDate);
            changed = true;
        }
        if (update.SetsMemo && answer.Memo != memo)
        {
            db.AssessmentChanges.Add(Change(actor, id, ChangeKind.Memo, now, number, answer.Memo, memo));
            answer.Memo = memo;
            changed = true;
        }
        if (changed)
        {
            audit.Record(actor, "assessment.answer", "assessment", id, detail: $"item {number} round {update.Round}: {after}");
            await SaveAsync(ct);
            await transaction.CommitAsync(CancellationToken.None);
        }
        return answer.Revision;
    }

    /// <summary>
    /// 確認日 is required with an answer and cannot be later than today (Japan time); 目標日 goes with いいえ only
    /// and must fall inside the round's fiscal year. A cleared answer clears its dates.
    /// </summary>
    /// <param name="gate">The gate question: its いいえ means no system to secure, so it has no 目標日.</param>
    private (DateOnly? ConfirmedOn, DateOnly? TargetDate) CheckYearlyDates(AssessmentView view, YearlyUpdate update, bool gate)
    {
        var scheme = view.Catalog.AnswerScheme;
        if (update.Round < 1 || update.Round > scheme.Rounds)
        {
            throw new InvalidInputException("round は 1（1回目）または {0}（{0}回目）で指定してください。", [scheme.Rounds], "round");
        }
        if (update.Value is null)
        {
            return (null, null);
        }
        if (update.ConfirmedOn is not { } confirmed)
        {
            if (scheme.ConfirmedOn)
            {
                throw new InvalidInputException("確認日（confirmedOn）を YYYY-MM-DD 形式で入力してください。", "confirmedOn");
            }
        }
        else if (confirmed > JapaneseDates.TodayInJst(clock))
        {
            throw new InvalidInputException("確認日（confirmedOn）に未来の日付は入力できません。", "confirmedOn");
        }
        else
        {
            InputDates.Check(confirmed, "confirmedOn");
        }
        if (update.Value == AnswerValue.Yes)
        {
            return update.TargetDate is null
                ? (update.ConfirmedOn, null)
                : throw new InvalidInputException("目標日（targetDate）は「いいえ」の項目にだけ入力します。", "targetDate");
        }
        var year = view.Assessment.FiscalYear;
        if (update.TargetDate is not { } target)
        {
            return scheme.TargetDateWhenNo && !gate
                ? throw new InvalidInputException("「いいえ」の項目には目標日（targetDate）を {0}（{1}〜{2}）の日付で入力してください。",
                    [FiscalYear.Name(year), JapaneseDates.Iso(FiscalYear.Start(year)), JapaneseDates.Iso(FiscalYear.End(year))], "targetDate")
                : (update.ConfirmedOn, null);
        }
        if (!FiscalYear.Contains(year, target))
        {
            throw new InvalidInputException("目標日（targetDate）は、この回の年度（{0}: {1}〜{2}）の日付で入力してください。",
                [FiscalYear.Name(year), JapaneseDates.Iso(FiscalYear.Start(year)), JapaneseDates.Iso(FiscalYear.End(year))], "targetDate");
        }
        return (update.ConfirmedOn, target);
    }

    private static string Describe(AnswerValue? value, DateOnly? confirmedOn, DateOnly? targetDate) =>
        value.ToKey() is not { } key ? "-"
            : string.Join(" ", new[] { key, confirmedOn is { } c ? JapaneseDates.Iso(c) : null, targetDate is { } t ? "→" + JapaneseDates.Iso(t) : null }.Where(x => x is not null));

    /// <summary>
    /// Shows last year's answer beside each item that maps to one (`carriesFrom`, or the same text): the new round's
    /// answers stay 未確認 and no date is carried, because this year's check is what the inspection looks at.
    /// </summary>
    private async Task CarryForwardAsync(Actor actor, Assessment target, ChecklistCatalog catalog, Checklist checklist, Guid fromId, CancellationToken ct)
    {
        var source = await AssessmentReads.WithAnswersAsync(db, fromId, ct);
        AssessmentView from;
        try
        {
            from = await ViewAsync(actor, source, write: false, ct);
        }
        catch (NotFoundException)
        {
            throw new InvalidInputException("引き継ぐ前年度の回が見つかりません。", "carryFrom");
        }
        if (from.Assessment.FacilityId != target.FacilityId || !from.Catalog.IsYesNo || from.Checklist.Audience != checklist.Audience)
        {
            throw new InvalidInputException("引き継げるのは同じ医療機関の、同じ様式の年度版チェックリストの回だけです。", "carryFrom");
        }
        if (from.Assessment.FiscalYear >= target.FiscalYear)
        {
            throw new InvalidInputException("引き継げるのは前の年度の回だけです。", "carryFrom");
        }
        var lastAnswers = from.Assessment.YearlyAnswers.ToLookup(a => a.ItemNumber);
        AnswerValue? Last(int number) =>
            lastAnswers[number].Where(a => a.Value is not null).OrderByDescending(a => a.Round).Select(a => a.Value).FirstOrDefault();
        var byText = from.Checklist.Items.GroupBy(i => i.Text).ToDictionary(g => g.Key, g => g.First().Number);
        foreach (var item in checklist.Items)
        {
            int? sourceNumber = item.CarriesFrom is { } n && catalog.PreviousEdition == from.Catalog.Id ? n
                : byText.TryGetValue(item.Text, out var same) ? same : null;
            if (sourceNumber is { } number && target.YearlyAnswers.FirstOrDefault(a => a.ItemNumber == item.Number && a.Round == 1) is { } row)
            {
                row.CarriedValue = Last(number);
            }
        }
        target.CarriedFrom = fromId;
    }

    private async Task<IReadOnlyList<RoundSummary>> ListYearlyRoundsAsync(Actor actor, Guid facilityId, ChecklistCatalog catalog, Checklist checklist, CancellationToken ct)
    {
        if (!actor.CanSeeFacility(facilityId) || !actor.CanReadChecklist(facilityId, checklist.Audience))
        {
            return [];
        }
        var rounds = await db.Assessments.AsNoTracking()
            .Where(a => a.FacilityId == facilityId && a.CatalogId == catalog.Id && a.Checklist == checklist.Key)
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.CreatedAt)
            .Select(a => new { a.Id, a.Respondent, a.Date, a.Status, a.CatalogRevision, Answers = a.YearlyAnswers.ToList() })
            .ToListAsync(ct);
        // Each revision the rounds were answered on is read once, not once per round.
        var revisions = new Dictionary<int, Checklist>();
        foreach (var rev in rounds.Select(r => r.CatalogRevision).Distinct())
        {
            revisions[rev] = await catalogs.FindChecklistAsync(catalog.Id, checklist.Key, rev, ct) ?? checklist;
        }
        var list = new List<RoundSummary>();
        foreach (var r in rounds)
        {
            var revision = revisions[r.CatalogRevision];
            var result = YearlyResult.Compute(revision, catalog.AnswerScheme.Rounds, r.Answers);
            list.Add(new RoundSummary(r.Id, checklist.Key, r.Respondent, r.Date, r.Status, AssessmentResult.Compute(revision, new Dictionary<int, AnswerValue?>()),
                r.Answers.Count(a => a.Value is not null)) { Yearly = result });
        }
        return list;
    }
}
