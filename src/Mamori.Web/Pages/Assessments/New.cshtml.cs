using Mamori.Assessments;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Assessments;

public sealed class NewModel(FacilityService facilities, AssessmentService assessments, CatalogStore catalogs, TimeProvider clock) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid FacilityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Checklist { get; set; }

    [BindProperty]
    public string? Respondent { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    public Facility Facility { get; private set; } = null!;
    public IReadOnlyList<Checklist> Lists { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        await LoadListsAsync();
        var actor = await ActorAsync();
        Respondent ??= actor.Name;
        Date ??= JapaneseDates.Iso(JapaneseDates.TodayInJst(clock));
    });

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        var date = InputDates.ParseDay(Date, nameof(Date), "日付を正しく入力してください。") ?? throw new InvalidInputException("日付を正しく入力してください。", nameof(Date));
        var assessment = await assessments.CreateAsync(await ActorAsync(), FacilityId, CatalogDefaults.CurrentId, Checklist, Respondent, date);
        return Redirect($"/assessments/{assessment.Id}");
    }, async () =>
    {
        await LoadListsAsync();
        return Page();
    });

    private async Task LoadListsAsync()
    {
        var actor = await ActorAsync();
        Facility = await facilities.GetAsync(actor, FacilityId);
        Lists = AssessmentService.ChecklistsFor(catalogs.Find(CatalogDefaults.CurrentId)!, Facility)
            .Where(l => actor.CanWriteChecklist(FacilityId, l.Audience)).ToList();
        Checklist ??= Lists.Count > 0 ? Lists[0].Key : null;
    }
}
