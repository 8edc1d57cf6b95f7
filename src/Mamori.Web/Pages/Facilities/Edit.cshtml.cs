using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Facilities;

public sealed class EditModel(FacilityService facilities) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public FacilityForm Form { get; set; } = new();

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        var actor = await ActorAsync();
        var f = await facilities.GetAsync(actor, Id);
        if (!actor.Has(Id, Mamori.Accounts.Role.Admin))
        {
            throw new Mamori.Common.ForbiddenException("医療機関の設定を変更できるのはシステム管理者です。");
        }
        Form = new FacilityForm { Name = f.Name, Kind = f.Kind.ToKey(), OnlineQualification = f.OnlineQualification };
    });

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        await facilities.UpdateAsync(await ActorAsync(), Id, Form.Name, Form.ParsedKind, Form.OnlineQualification);
        Flash = "医療機関の設定を保存しました。";
        return Redirect($"/facilities/{Id}");
    }, () => Task.FromResult<IActionResult>(Page()));
}
