using Mamori.Common;

namespace Mamori.Assessments;

public enum AssessmentStatus
{
    InProgress,
    Completed,
}

public enum AnswerValue
{
    /// <summary>○</summary>
    Yes,

    /// <summary>×</summary>
    No,
}

/// <summary>One round of one checklist for one facility. Guards its own transitions: answers only while in progress.</summary>
public sealed class Assessment : IRevised
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public required string CatalogId { get; set; }
    public required string Checklist { get; set; }

    /// <summary>The imported edition's revision this round is answered on (its text is what the round shows); 0 for a shipped edition.</summary>
    public int CatalogRevision { get; set; }

    /// <summary>Last year's round this one started from (its answers shown beside each item, never its dates).</summary>
    public Guid? CarriedFrom { get; set; }

    /// <summary>記入者</summary>
    public required string Respondent { get; set; }

    /// <summary>日付: the date the round is for, as written on the form (a calendar date in Japan, no time zone).</summary>
    public DateOnly Date { get; set; }

    public AssessmentStatus Status { get; private set; } = AssessmentStatus.InProgress;
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public Guid? CompletedBy { get; private set; }

    /// <summary>Bumped on every change of the round's own fields; a stale form is refused instead of overwriting.</summary>
    public int Revision { get; set; }

    public List<AssessmentAnswer> Answers { get; set; } = [];

    /// <summary>The answers of a yearly (はい / いいえ) edition, one per item and round; empty for the 2021 edition.</summary>
    public List<YearlyAnswer> YearlyAnswers { get; set; } = [];

    /// <summary>The fiscal year (named by its starting year) the round's 日付 falls in; its 目標日 must fall in it too.</summary>
    public int FiscalYear => Common.FiscalYear.Of(Date);

    public void EnsureEditable()
    {
        if (Status == AssessmentStatus.Completed)
        {
            throw new ConflictException("この回は完了済みのため変更できません。変更するには理由を記入して再開してください。");
        }
    }

    public void Complete(Guid? by, DateTimeOffset at)
    {
        EnsureEditable();
        Status = AssessmentStatus.Completed;
        CompletedAt = at;
        CompletedBy = by;
    }

    public void Reopen(string reason)
    {
        if (Status != AssessmentStatus.Completed)
        {
            throw new ConflictException("この回は完了していないため再開できません。");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException("再開する理由を入力してください。", "reason");
        }
        Status = AssessmentStatus.InProgress;
        CompletedAt = null;
        CompletedBy = null;
    }
}

/// <summary>The answer to one item. A row exists for every item from the start, so saving is always an update.</summary>
public sealed class AssessmentAnswer : IRevised, IStamped
{
    public Guid AssessmentId { get; set; }
    public int ItemNumber { get; set; }
    public AnswerValue? Value { get; set; }
    public string? Memo { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }

    void IStamped.Stamp(DateTimeOffset at, Guid? userId, string userName) => (UpdatedAt, UpdatedBy) = (at, userId);

    /// <summary>Concurrency token: two people answering the same item cannot silently overwrite each other.</summary>
    public int Revision { get; set; }
}

public enum ChangeKind
{
    Created,
    Answer,
    Memo,
    Respondent,
    Date,
    Completed,
    Reopened,
}

/// <summary>Every change to a round, with who and when; never updated or deleted.</summary>
public sealed class AssessmentChange
{
    public long Id { get; set; }
    public Guid AssessmentId { get; set; }
    public ChangeKind Kind { get; set; }
    public int? ItemNumber { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }
}

public static class AnswerValues
{
    public static string? ToKey(this AnswerValue? value) => value is { } v ? v switch
    {
        AnswerValue.Yes => "yes",
        AnswerValue.No => "no",
    } : null;

    public static string ToMark(this AnswerValue? value) => value is { } v ? v switch
    {
        AnswerValue.Yes => "○",
        AnswerValue.No => "×",
    } : "";

    public static bool TryParse(string? key, out AnswerValue? value)
    {
        value = key switch
        {
            "yes" => AnswerValue.Yes,
            "no" => AnswerValue.No,
            _ => null,
        };
        return key is null or "" or "yes" or "no";
    }
}
