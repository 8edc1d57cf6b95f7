using Mamori.Campaigns;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Admin;

/// <summary>The address staff open the answering links at, stored for every node (Campaigns:PublicBaseUrl overrides it).</summary>
public sealed class PublicAddressModel(PublicAddresses addresses) : MamoriPage
{
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public int Revision { get; set; }

    public PublicAddressSetting Current { get; private set; } = null!;

    /// <summary>The address this page was opened at, offered only as a hint when it is not this PC's own loopback.</summary>
    public string? Suggestion { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        await LoadCurrentAsync();
        Address = Current.Url;
        Revision = Current.Revision;
    });

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        await addresses.SaveAsync(await ActorAsync(), Address, Revision);
        Flash = "公開アドレスを保存しました。配布画面のリンク、QRコード、配布用紙はこのアドレスで作られます。";
        return Redirect("/admin/public-address");
    }, async () =>
    {
        await LoadCurrentAsync();
        return Page();
    });

    private async Task LoadCurrentAsync()
    {
        if (!(await ActorAsync()).IsInstallationAdmin)
        {
            throw new Mamori.Common.ForbiddenException("公開アドレスを設定できるのは、インストール全体のシステム管理者だけです。");
        }
        Current = await addresses.GetAsync();
        var here = $"{Request.Scheme}://{Request.Host}";
        try
        {
            Suggestion = PublicAddresses.Validate(here);
        }
        catch (Mamori.Common.InvalidInputException)
        {
            Suggestion = null;
        }
    }
}
