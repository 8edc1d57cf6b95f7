using Mamori.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Assessments;

public sealed class ResultModel(AssessmentService assessments) : AssessmentPage(assessments)
{
    public RoundSummary? Previous { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        await LoadViewAsync();
        var a = View.Assessment;
        var rounds = await Assessments.ListRoundsAsync(await ActorAsync(), a.FacilityId, a.CatalogId, a.Checklist);
        Previous = rounds.SkipWhile(r => r.Id != a.Id).Skip(1).FirstOrDefault();
    });
}
