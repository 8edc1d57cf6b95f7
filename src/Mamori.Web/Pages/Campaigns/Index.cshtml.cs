using Mamori.Accounts;
using Mamori.Campaigns;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Facilities;
using Mamori.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>A facility's staff campaigns, and (for its admins) the form that starts the next one.</summary>
public sealed class IndexModel(FacilityService facilities, CampaignService campaigns, TimeProvider clock) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid FacilityId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? OpensOn { get; set; }

    [BindProperty]
    public string? ClosesOn { get; set; }

    [BindProperty]
    public string Mode { get; set; } = "anonymous";

    [BindProperty]
    public int AnonymityThreshold { get; set; } = AnonymityRule.DefaultThreshold;

    public Facility Facility { get; private set; } = null!;
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];
    public bool CanManage { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        await LoadListAsync();
        var today = JapaneseDates.TodayInJst(clock);
        Title ??= $"職員向けセキュリティチェック {today.Year}年{today.Month}月";
        OpensOn ??= JapaneseDates.Iso(today);
        ClosesOn ??= JapaneseDates.Iso(today.AddDays(14));
    });

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        var campaign = await campaigns.CreateAsync(await ActorAsync(), FacilityId, CatalogDefaults.CurrentId, Title,
            CampaignDates.Opens(OpensOn, nameof(OpensOn)), CampaignDates.Closes(ClosesOn, nameof(ClosesOn)), Mode != "named", AnonymityThreshold);
        return Redirect($"/campaigns/{campaign.Id}");
    }, async () =>
    {
        await LoadListAsync();
        return Page();
    });

    private async Task LoadListAsync()
    {
        var actor = await ActorAsync();
        Facility = await facilities.GetAsync(actor, FacilityId);
        Campaigns = await campaigns.ListAsync(actor, FacilityId);
        CanManage = actor.Has(FacilityId, Role.Admin);
    }
}
