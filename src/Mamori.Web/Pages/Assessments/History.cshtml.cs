using Mamori.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Assessments;

public sealed class HistoryModel(AssessmentService assessments) : AssessmentPage(assessments)
{
    public IReadOnlyList<AssessmentChange> Changes { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        await LoadViewAsync();
        Changes = await Assessments.HistoryAsync(await ActorAsync(), Id);
    });

    public static string Describe(AssessmentChange c) => c.Kind switch
    {
        ChangeKind.Created => "この回を作成",
        ChangeKind.Answer => $"項目{c.ItemNumber}の回答: {Mark(c.OldValue)} → {Mark(c.NewValue)}",
        ChangeKind.Memo => $"項目{c.ItemNumber}のメモ: 「{c.OldValue}」 → 「{c.NewValue}」",
        ChangeKind.Respondent => $"記入者: {c.OldValue} → {c.NewValue}",
        ChangeKind.Date => $"日付: {c.OldValue} → {c.NewValue}",
        ChangeKind.Completed => "完了",
        ChangeKind.Reopened => $"再開（理由: {c.Reason}）",
    };

    private static string Mark(string? key) => key switch
    {
        "yes" => "○",
        "no" => "×",
        _ => "未回答",
    };
}
