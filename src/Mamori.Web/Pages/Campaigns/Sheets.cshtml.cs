using Mamori.Campaigns;
using Mamori.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>One A4 sheet per department with its QR code and address, to post in the ward or hand out after training.</summary>
public sealed class SheetsModel(CampaignService campaigns) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public CampaignDetail Detail { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        Detail = await campaigns.GetAsync(await ActorAsync(), Id);
        BaseUrl = PublicLinks.BaseUrl(HttpContext);
    });
}
