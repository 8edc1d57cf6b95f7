using Mamori.Campaigns;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>One A4 sheet per department with its QR code and address, to post in the ward or hand out after training.</summary>
public sealed class SheetsModel(CampaignService campaigns, PublicAddresses addresses) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public CampaignDetail Detail { get; private set; } = null!;
    /// <summary>Null until the public address is set: then the page asks for it instead of printing sheets no phone can open.</summary>
    public string? BaseUrl { get; private set; }

    public bool InstallationAdmin { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        var actor = await ActorAsync();
        Detail = await campaigns.GetAsync(actor, Id);
        BaseUrl = (await addresses.GetAsync()).Url;
        InstallationAdmin = actor.IsInstallationAdmin;
    });
}
