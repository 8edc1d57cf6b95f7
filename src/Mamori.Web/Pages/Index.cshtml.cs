using Mamori.Facilities;
using Mamori.Incidents;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages;

public sealed class IndexModel(FacilityService facilities, Mamori.Assessments.AssessmentSharing sharing, IncidentService incidents) : MamoriPage
{
    public IReadOnlyList<Facility> Facilities { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public bool IsAdmin { get; private set; }

    /// <summary>For vendor accounts: the rounds their facilities shared with them.</summary>
    public IReadOnlyList<Mamori.Assessments.SharedRound> Shared { get; private set; } = [];

    /// <summary>Reporting deadlines past due: they stand out on the first page anyone leading an incident sees.</summary>
    public IReadOnlyList<OverdueItem> Overdue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await ActorAsync();
        Facilities = await facilities.ListAsync(actor);
        CanCreate = actor.IsInstallationAdmin;
        IsAdmin = actor.Roles.Any(r => r.Role == Mamori.Accounts.Role.Admin);
        Shared = await sharing.SharedWithAsync(actor);
        Overdue = await incidents.OverdueAsync(actor);
        return Page();
    }
}
