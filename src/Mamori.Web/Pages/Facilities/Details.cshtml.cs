using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Catalog;
using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Facilities;

/// <summary>A facility's checklists, each with its rounds over the years and a way to start the next one.</summary>
public sealed class DetailsModel(FacilityService facilities, AssessmentService assessments, CatalogStore catalogs) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Facility Facility { get; private set; } = null!;
    public ChecklistCatalog Catalog { get; private set; } = null!;
    public List<(Checklist Checklist, IReadOnlyList<RoundSummary> Rounds, bool CanStart)> Lists { get; } = [];
    public bool CanEdit { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        var actor = await ActorAsync();
        Facility = await facilities.GetAsync(actor, Id);
        Catalog = catalogs.Find(CatalogDefaults.CurrentId)!;
        CanEdit = actor.Has(Id, Role.Admin);
        foreach (var list in AssessmentService.ChecklistsFor(Catalog, Facility).Where(l => actor.CanReadChecklist(Id, l.Audience)))
        {
            Lists.Add((list, await assessments.ListRoundsAsync(actor, Id, Catalog.Id, list.Key), actor.CanWriteChecklist(Id, list.Audience)));
        }
    });
}
