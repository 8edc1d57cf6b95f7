using Mamori.Common;

namespace Mamori.Assessments;

/// <summary>
/// The answer to one item of a yearly (はい / いいえ) checklist in one of its rounds (1回目, 2回目): each has its
/// own 確認日, 目標日, memo and revision. A row exists for every item and round from the start.
/// </summary>
public sealed class YearlyAnswer : IRevised, IStamped
{
    public Guid AssessmentId { get; set; }
    public int Round { get; set; }
    public int ItemNumber { get; set; }

    /// <summary>Yes = はい, No = いいえ.</summary>
    public AnswerValue? Value { get; set; }

    /// <summary>確認日</summary>
    public DateOnly? ConfirmedOn { get; set; }

    /// <summary>目標日: when a いいえ is to become はい, inside the round's fiscal year.</summary>
    public DateOnly? TargetDate { get; set; }

    public string? Memo { get; set; }

    /// <summary>Last year's answer to the same item, shown beside a carried-forward round (1回目 only; never its dates).</summary>
    public AnswerValue? CarriedValue { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }

    void IStamped.Stamp(DateTimeOffset at, Guid? userId, string userName) => (UpdatedAt, UpdatedBy) = (at, userId);

    public int Revision { get; set; }
}

/// <summary>What one PUT sets on one round of one item; absent memo leaves the memo as it is.</summary>
public sealed record YearlyUpdate(int Round, AnswerValue? Value, DateOnly? ConfirmedOn, DateOnly? TargetDate, bool SetsMemo, string? Memo);
