using Mamori.Common;

namespace Mamori.Incidents;

public enum StepStatus
{
    Pending,
    InProgress,
    Done,
    NotApplicable,
}

public static class StepStatuses
{
    public static string ToKey(this StepStatus status) => status switch
    {
        StepStatus.Pending => "pending",
        StepStatus.InProgress => "in-progress",
        StepStatus.Done => "done",
        StepStatus.NotApplicable => "not-applicable",
    };

    public static string ToJapanese(this StepStatus status) => status switch
    {
        StepStatus.Pending => "未着手",
        StepStatus.InProgress => "対応中",
        StepStatus.Done => "完了",
        StepStatus.NotApplicable => "対象外",
    };

    public static StepStatus? Parse(string? key) => Enum.GetValues<StepStatus>().Cast<StepStatus?>().FirstOrDefault(s => s!.Value.ToKey() == key);
}

/// <summary>
/// The state of one flowchart step within one incident. A row exists for every step from the start, and the
/// entity guards its transitions: finished work (done or not applicable) only goes back to pending through
/// <see cref="Reopen"/>, which needs a reason.
/// </summary>
public sealed class IncidentStep : IRevised
{
    public Guid IncidentId { get; set; }
    public required string StepId { get; set; }
    public StepStatus Status { get; private set; } = StepStatus.Pending;
    public string? Note { get; set; }

    /// <summary>Why the step is not applicable, or why it was reopened.</summary>
    public string? Reason { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }

    /// <summary>Set when the 2-1 decision (not a person) put the step out of scope, so a changed decision can bring it back.</summary>
    public bool SkippedByDecision { get; private set; }

    public int Revision { get; set; }

    public bool IsOpen => Status is StepStatus.Pending or StepStatus.InProgress;

    public void Start(string by, DateTimeOffset at)
    {
        if (Status != StepStatus.Pending)
        {
            throw Refused(StepStatus.InProgress);
        }
        Status = StepStatus.InProgress;
        Touch(by, at);
    }

    public void Complete(string by, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw Refused(StepStatus.Done);
        }
        Status = StepStatus.Done;
        CompletedAt = at;
        CompletedBy = by;
        Touch(by, at);
    }

    public void MarkNotApplicable(string reason, string by, DateTimeOffset at, bool byDecision = false)
    {
        if (!IsOpen)
        {
            throw Refused(StepStatus.NotApplicable);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException("手順{0}を対象外にする理由を入力してください。", [StepId], "note");
        }
        Status = StepStatus.NotApplicable;
        Reason = reason;
        SkippedByDecision = byDecision;
        Touch(by, at);
    }

    /// <summary>Back to pending from done or not applicable, recording why (the only way back).</summary>
    public void Reopen(string reason, string by, DateTimeOffset at)
    {
        if (IsOpen)
        {
            throw Refused(StepStatus.Pending);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException("手順{0}を未着手に戻す理由を入力してください。", [StepId], "note");
        }
        Status = StepStatus.Pending;
        Reason = reason;
        CompletedAt = null;
        CompletedBy = null;
        SkippedByDecision = false;
        Touch(by, at);
    }

    private void Touch(string by, DateTimeOffset at)
    {
        UpdatedAt = at;
        UpdatedBy = by;
    }

    private InvalidInputException Refused(StepStatus to) =>
        new($"手順{StepId}は「{Status.ToJapanese()}」から「{to.ToJapanese()}」に変更できません。" + (IsOpen ? "" : "未着手に戻すには理由を入力してください。"), "status");
}
