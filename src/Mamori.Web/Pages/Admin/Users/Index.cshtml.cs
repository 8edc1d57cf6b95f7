using Mamori.Accounts;
using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Admin.Users;

/// <summary>People and their roles, for administrators (a facility's admin sees the people of their facilities).</summary>
public sealed class IndexModel(UserAdministration admin, FacilityService facilities) : MamoriPage
{
    public IReadOnlyList<UserSummary> People { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> FacilityNames { get; private set; } = new Dictionary<Guid, string>();

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        var actor = await ActorAsync();
        People = await admin.ListAsync(actor);
        FacilityNames = (await facilities.ListAsync(actor)).ToDictionary(f => f.Id, f => f.Name);
    });
}
