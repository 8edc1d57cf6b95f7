using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Campaigns;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>A campaign's results (all of it for admins and executives, their own department for a manager); prints as the summary report.</summary>
public sealed class ResultsModel(CampaignResults results) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public CampaignResult Result { get; private set; } = null!;
    public bool CanSeeCampaign { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        var actor = await ActorAsync();
        Result = await results.GetAsync(actor, Id);
        CanSeeCampaign = actor.Has(Result.Campaign.FacilityId, Role.Admin) || actor.Has(Result.Campaign.FacilityId, Role.Executive);
    });

    /// <summary>Heatmap band of a share of ○ (the cell also prints the value, so colour is never the only signal).</summary>
    public static string Band(ResultLine line) => line.Ratio switch
    {
        null => "none",
        < 50m => "h0",
        < 65m => "h1",
        < 80m => "h2",
        < 90m => "h3",
        _ => "h4",
    };

    /// <summary>"+5.0" / "−3.3" points against the previous campaign, or "" without one.</summary>
    public static string Diff(ResultLine now, ResultLine? before) =>
        now.Ratio is { } a && before?.Ratio is { } b ? (a - b).ToString("+0.0;−0.0;±0.0", System.Globalization.CultureInfo.InvariantCulture) : "";
}
