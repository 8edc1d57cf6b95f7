using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>The menu's entry to staff campaigns: the facilities one may see, each leading to its campaigns.</summary>
public sealed class StartModel(FacilityService facilities) : MamoriPage
{
    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () => Facilities = await facilities.ListAsync(await ActorAsync()));
}
