using Mamori.Common;
using Mamori.Facilities;
using Mamori.Incidents;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Incidents;

/// <summary>1-1 / 1-3: anyone signed in reports what they saw, in one short form that works on a phone.</summary>
public sealed class NewModel(FacilityService facilities, IncidentService incidents, TimeProvider clock) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? FacilityId { get; set; }

    [BindProperty]
    public List<string> Signs { get; set; } = [];

    [BindProperty]
    public string? Location { get; set; }

    [BindProperty]
    public string? DetectedAt { get; set; }

    /// <summary>"yes", "no" or "unsure" (1-2).</summary>
    [BindProperty]
    public string? Cables { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Exercise { get; set; }

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        DetectedAt ??= IncidentRules.ToInputValue(clock.GetUtcNow());
        return Page();
    }

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        var facility = FacilityId ?? throw new InvalidInputException("医療機関を選んでください。", nameof(FacilityId));
        var at = IncidentRules.ParseMoment(DetectedAt, nameof(DetectedAt), "気づいた日時");
        bool? cables = Cables switch { "yes" => true, "no" => false, _ => null };
        var incident = await incidents.ReportAsync(await ActorAsync(), new IncidentInput(facility, Title, Description, Location, Signs, cables, at, Exercise));
        Flash = "報告しました。医療情報システム安全管理責任者に通知されました。";
        return Redirect($"/incidents/{incident.Id}");
    }, async () =>
    {
        await LoadAsync();
        return Page();
    });

    private async Task LoadAsync()
    {
        Facilities = await facilities.ListAsync(await ActorAsync());
        if (FacilityId is null && Facilities.Count == 1)
        {
            FacilityId = Facilities[0].Id;
        }
    }
}
