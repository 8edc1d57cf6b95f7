using Mamori.Incidents;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Incidents;

/// <summary>The incidents (or drills) the user may see, newest first, with deadlines past due on top.</summary>
public sealed class IndexModel(IncidentService incidents) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public bool Exercises { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; }

    public IReadOnlyList<IncidentSummary> Incidents { get; private set; } = [];
    public IReadOnlyList<OverdueItem> Overdue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await ActorAsync();
        Incidents = await incidents.ListAsync(actor, null, Exercises, PageNumber);
        Overdue = await incidents.OverdueAsync(actor);
        return Page();
    }
}
