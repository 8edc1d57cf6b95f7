using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Facilities;

public sealed class NewModel(FacilityService facilities) : MamoriPage
{
    [BindProperty]
    public FacilityForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => (await ActorAsync()).IsInstallationAdmin ? Page() : Forbid();

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        var facility = await facilities.CreateAsync(await ActorAsync(), Form.Name, Form.ParsedKind, Form.OnlineQualification);
        Flash = "医療機関を登録しました。";
        return Redirect($"/facilities/{facility.Id}");
    }, () => Task.FromResult<IActionResult>(Page()));
}
