using Mamori.Assessments;
using Mamori.Common;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Assessments;

/// <summary>
/// The form. Without JavaScript it is one form saved with the button; with it, each answer and memo saves as
/// it is given (the Answer/Memo handlers). Either way a stale revision is refused, never overwritten.
/// </summary>
public sealed class IndexModel(AssessmentService assessments, Mamori.Incidents.PreparednessService preparedness) : AssessmentPage(assessments)
{
    [BindProperty]
    public Dictionary<int, string?> Answers { get; set; } = [];

    [BindProperty]
    public Dictionary<int, string?> Memos { get; set; } = [];

    [BindProperty]
    public Dictionary<int, int> Revisions { get; set; } = [];

    public IReadOnlyList<int> Conflicts { get; private set; } = [];

    /// <summary>Improvement actions decided after incidents, linked to items of this checklist (issue 5, 4-x).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<Mamori.Incidents.ImprovementAction>> Actions { get; private set; } =
        new Dictionary<int, IReadOnlyList<Mamori.Incidents.ImprovementAction>>();

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        await LoadWithRightsAsync();
        var a = View.Assessment;
        var actor = await ActorAsync();
        // A vendor reading a shared round sees the round only, not the facility's improvement plans.
        if (actor.CanSeeFacility(a.FacilityId))
        {
            Actions = await preparedness.ActionsForChecklistAsync(actor, a.FacilityId, a.Checklist);
        }
    });

    public Task<IActionResult> OnPostSaveAsync() => TryAsync(async () =>
    {
        var edits = new List<AnswerEdit>();
        foreach (var (number, seen) in Revisions)
        {
            if (!AnswerValues.TryParse(Answers.GetValueOrDefault(number), out var value))
            {
                throw new InvalidInputException("項目{0}の回答が正しくありません。", [number]);
            }
            edits.Add(new AnswerEdit(number, value, Memos.GetValueOrDefault(number), seen));
        }
        var conflicts = await Assessments.SaveFormAsync(await ActorAsync(), Id, edits);
        if (conflicts.Count > 0)
        {
            await LoadWithRightsAsync();
            Conflicts = conflicts;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Flash = "保存しました。";
        return Redirect($"/assessments/{Id}");
    }, Redisplay);

    public Task<IActionResult> OnPostAnswerAsync(int number, string? value, int revision) => JsonAsync(async () =>
    {
        if (!AnswerValues.TryParse(value, out var answer))
        {
            throw new InvalidInputException("回答が正しくありません。");
        }
        return await Assessments.SetAnswerAsync(await ActorAsync(), Id, number, answer, revision);
    });

    public Task<IActionResult> OnPostMemoAsync(int number, string? memo, int revision) =>
        JsonAsync(async () => await Assessments.SetMemoAsync(await ActorAsync(), Id, number, memo, revision));

    public Task<IActionResult> OnPostDetailsAsync(string? respondent, string? date, int roundRevision) => TryAsync(async () =>
    {
        var day = InputDates.ParseDay(date, "date", "日付を正しく入力してください。") ?? throw new InvalidInputException("日付を正しく入力してください。", "date");
        await Assessments.UpdateDetailsAsync(await ActorAsync(), Id, respondent, day, roundRevision);
        Flash = "記入者と日付を保存しました。";
        return Redirect($"/assessments/{Id}");
    }, Redisplay);

    /// <summary>
    /// Completing with items left blank needs the page's explicit yes (<paramref name="confirmBlanks"/>): a blank
    /// counts as not done in the result, so it must be a decision, not a slip. The API completes as documented.
    /// </summary>
    public Task<IActionResult> OnPostCompleteAsync(int roundRevision, bool confirmBlanks) => TryAsync(async () =>
    {
        await LoadWithRightsAsync();
        if (Blanks.Count > 0 && !confirmBlanks && View.Assessment.Status == AssessmentStatus.InProgress && CanWrite)
        {
            ConfirmingCompletion = true;
            return Page();
        }
        await Assessments.CompleteAsync(await ActorAsync(), Id, roundRevision);
        Flash = "この回を完了しました。";
        return Redirect($"/assessments/{Id}/result");
    }, Redisplay);

    /// <summary>Set when 完了 was asked for with blank items: the page asks once more before completing.</summary>
    public bool ConfirmingCompletion { get; private set; }

    /// <summary>The items without ○ or ×, in the form's order.</summary>
    public IReadOnlyList<Mamori.Catalog.ChecklistItem> Blanks =>
        _blanks ??= [.. View.Checklist.Items.Where(i => View.AnswerFor(i.Number)?.Value is null)];

    private IReadOnlyList<Mamori.Catalog.ChecklistItem>? _blanks;

    public Task<IActionResult> OnPostReopenAsync(string? reason) => TryAsync(async () =>
    {
        await Assessments.ReopenAsync(await ActorAsync(), Id, reason);
        Flash = "この回を再開しました。";
        return Redirect($"/assessments/{Id}");
    }, Redisplay);

    private async Task<IActionResult> Redisplay()
    {
        await LoadWithRightsAsync();
        return Page();
    }

    /// <summary>For the script: the answer's new revision, or a problem with the Japanese message.</summary>
    private async Task<IActionResult> JsonAsync(Func<Task<int>> save)
    {
        try
        {
            return new JsonResult(new { revision = await save() });
        }
        catch (MamoriException e)
        {
            var (status, message, _) = ProblemResponses.Classify(e, HttpContext);
            return new JsonResult(new { title = ProblemResponses.TitleFor(status, HttpContext), detail = message, status }) { StatusCode = status, ContentType = "application/problem+json" };
        }
    }
}
