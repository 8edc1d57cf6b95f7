using Mamori.Catalog;
using Mamori.Facilities;

namespace Mamori.Assessments;

/// <summary>A round with everything a page, export or API response needs to show it.</summary>
public sealed record AssessmentView(Assessment Assessment, Facility Facility, ChecklistCatalog Catalog, Checklist Checklist)
{
    public IReadOnlyDictionary<int, AssessmentAnswer> AnswersByNumber { get; } = Assessment.Answers.ToDictionary(a => a.ItemNumber);

    public AssessmentAnswer? AnswerFor(int number) => AnswersByNumber.GetValueOrDefault(number);

    public AssessmentResult Result => AssessmentResult.Compute(Checklist, AnswersByNumber.ToDictionary(kv => kv.Key, kv => kv.Value.Value));

    public int Rounds => Catalog.AnswerScheme.Rounds;

    public IReadOnlyDictionary<(int Round, int ItemNumber), YearlyAnswer> YearlyByKey { get; } = Assessment.YearlyAnswers.ToDictionary(a => (a.Round, a.ItemNumber));

    public YearlyAnswer? YearlyFor(int number, int round) => YearlyByKey.GetValueOrDefault((round, number));

    public YearlyResult YearlyResult => YearlyResult.Compute(Checklist, Rounds, Assessment.YearlyAnswers);

    /// <summary>The gate answered いいえ in this round: the other items need no check (確認不要).</summary>
    public bool GateClosed(int round) => Assessments.YearlyResult.GateClosed(Checklist, round, YearlyByKey);

    /// <summary>The × items, weakest 視点 first (lowest 割合), then in the form's order: the to-do list.</summary>
    public IReadOnlyList<ChecklistItem> ToDo()
    {
        var result = Result;
        int Rank(ChecklistItem item)
        {
            if (item.Perspective is not { } p)
            {
                return 0;
            }
            var line = result.Perspectives.First(r => r.Perspective == p).Line;
            return (int)((line.Ratio ?? 100m) * 10);
        }
        return Checklist.Items
            .Where(i => AnswerFor(i.Number)?.Value == AnswerValue.No)
            .OrderBy(Rank)
            .ThenBy(i => i.Perspective)
            .ThenBy(i => i.Number)
            .ToList();
    }
}

/// <summary>A round in a list of rounds, with its result already computed.</summary>
public sealed record RoundSummary(Guid Id, string Checklist, string Respondent, DateOnly Date, AssessmentStatus Status, AssessmentResult Result, int Answered)
{
    /// <summary>The result per section and round, for a yearly (はい / いいえ) edition.</summary>
    public YearlyResult? Yearly { get; init; }
}

public enum ItemChange
{
    Same,
    Improved,
    Regressed,
    Changed,
}

public sealed record ItemComparison(ChecklistItem Item, AnswerValue? Before, AnswerValue? After)
{
    /// <summary>Improved means it became ○; regressed means it was ○ and no longer is.</summary>
    public ItemChange Change => (Before, After) switch
    {
        _ when Before == After => ItemChange.Same,
        (_, AnswerValue.Yes) => ItemChange.Improved,
        (AnswerValue.Yes, _) => ItemChange.Regressed,
        _ => ItemChange.Changed,
    };
}

public sealed record RoundComparison(AssessmentView Before, AssessmentView After, IReadOnlyList<ItemComparison> Items)
{
    public IEnumerable<ItemComparison> Improved => Items.Where(i => i.Change == ItemChange.Improved);
    public IEnumerable<ItemComparison> Regressed => Items.Where(i => i.Change == ItemChange.Regressed);
    public IEnumerable<ItemComparison> Changed => Items.Where(i => i.Change != ItemChange.Same);
}

/// <summary>One item as posted by the no-JavaScript form: the answer and memo, and the revision the person saw.</summary>
public sealed record AnswerEdit(int Number, AnswerValue? Value, string? Memo, int SeenRevision);

/// <summary>What a save sets: the answer, the memo, or both (an absent field is left as it is).</summary>
public sealed record AnswerUpdate(bool SetsValue, AnswerValue? Value, bool SetsMemo, string? Memo)
{
    public static AnswerUpdate OfValue(AnswerValue? value) => new(true, value, false, null);

    public static AnswerUpdate OfMemo(string? memo) => new(false, null, true, memo);
}
