using Mamori.Accounts;
using Mamori.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Assessments;

public sealed class ResultModel(AssessmentService assessments, AssessmentSharing sharing) : AssessmentPage(assessments)
{
    public RoundSummary? Previous { get; private set; }

    /// <summary>The facility's vendor accounts, for its administrator to share this round with (empty for others).</summary>
    public IReadOnlyList<ShareTarget> ShareTargets { get; private set; } = [];

    [BindProperty]
    public Guid VendorId { get; set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(ShowAsync);

    public Task<IActionResult> OnPostShareAsync() => ChangeSharingAsync(sharing.ShareAsync, "事業者と共有しました。");

    public Task<IActionResult> OnPostUnshareAsync() => ChangeSharingAsync(sharing.UnshareAsync, "共有をやめました。");

    private Task<IActionResult> ChangeSharingAsync(Func<Actor, Guid, Guid, CancellationToken, Task> change, string done) => TryAsync(async () =>
    {
        await change(await ActorAsync(), Id, VendorId, HttpContext.RequestAborted);
        Flash = done;
        return Redirect($"/assessments/{Id}/result");
    }, async () =>
    {
        await ShowAsync();
        return Page();
    });

    private async Task ShowAsync()
    {
        await LoadViewAsync();
        var a = View.Assessment;
        var actor = await ActorAsync();
        // A vendor sees the shared round alone, not the facility's other rounds.
        if (actor.CanSeeFacility(a.FacilityId))
        {
            var rounds = await Assessments.ListRoundsAsync(actor, a.FacilityId, a.CatalogId, a.Checklist);
            Previous = rounds.SkipWhile(r => r.Id != a.Id).Skip(1).FirstOrDefault();
        }
        if (actor.Has(a.FacilityId, Role.Admin))
        {
            ShareTargets = await sharing.TargetsAsync(actor, a.Id);
        }
    }
}
