using Mamori.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Assessments;

public sealed class HistoryModel(AssessmentService assessments) : AssessmentPage(assessments)
{
    public IReadOnlyList<AssessmentChange> Changes { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        await LoadViewAsync();
        Changes = await Assessments.HistoryAsync(await ActorAsync(), Id);
    });

    /// <summary>One change in the page's language; formats with their values apart so each has one English entry.</summary>
    public static string Describe(AssessmentChange c, IStringLocalizer L) => c.Kind switch
    {
        ChangeKind.Created => L["この回を作成"],
        ChangeKind.Answer => L["項目{0}の回答: {1} → {2}", c.ItemNumber ?? 0, Mark(c.OldValue, L), Mark(c.NewValue, L)],
        ChangeKind.Memo => L["項目{0}のメモ: 「{1}」 → 「{2}」", c.ItemNumber ?? 0, c.OldValue ?? "", c.NewValue ?? ""],
        ChangeKind.Respondent => L["記入者: {0} → {1}", c.OldValue ?? "", c.NewValue ?? ""],
        ChangeKind.Date => L["日付: {0} → {1}", c.OldValue ?? "", c.NewValue ?? ""],
        ChangeKind.Completed => L["完了"],
        ChangeKind.Reopened => L["再開（理由: {0}）", c.Reason ?? ""],
    };

    private static string Mark(string? key, IStringLocalizer L) => key switch
    {
        "yes" => "○",
        "no" => "×",
        _ => L["未回答"],
    };
}
