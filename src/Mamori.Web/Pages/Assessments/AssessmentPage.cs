using Mamori.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Assessments;

/// <summary>Screens about one round: loads it once, through the service's access rules.</summary>
public abstract class AssessmentPage(AssessmentService assessments) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public AssessmentView View { get; private set; } = null!;

    protected AssessmentService Assessments { get; } = assessments;

    protected async Task LoadViewAsync() => View = await Assessments.GetAsync(await ActorAsync(), Id);

    public bool CanWrite { get; private set; }

    protected async Task LoadWithRightsAsync()
    {
        await LoadViewAsync();
        CanWrite = (await ActorAsync()).CanWriteChecklist(View.Assessment.FacilityId, View.Checklist.Audience);
    }
}
