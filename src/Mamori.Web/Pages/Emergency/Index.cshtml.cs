using Mamori.Accounts;
using Mamori.Common;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Emergency;

/// <summary>
/// 非常時アカウント: admins and executives review each use; administrators of the installation switch the
/// accounts on (with a reason) and off. Accounts are created on /emergency/new or with `mamori users add --emergency`.
/// </summary>
public sealed class IndexModel(EmergencyAccounts emergency) : MamoriPage
{
    public IReadOnlyList<EmergencyUse> Pending { get; private set; } = [];
    public IReadOnlyList<User> Accounts { get; private set; } = [];
    public bool ManagesAccounts { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await ActorAsync();
        if (!actor.Roles.Any(r => r.Role is Role.Admin or Role.Executive))
        {
            return Forbid();
        }
        await LoadAsync(actor);
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, string? note) => TryAsync(async () =>
    {
        await emergency.AcknowledgeAsync(await ActorAsync(), id, note);
        Flash = "確認を記録しました。";
        return Redirect("/emergency");
    }, Redisplay);

    public Task<IActionResult> OnPostEnableAsync(Guid id, string? reason) => TryAsync(async () =>
    {
        await emergency.SetEnabledAsync(await ActorAsync(), id, true, reason);
        Flash = "非常時アカウントを有効にしました。使用後は必ず無効に戻してください。";
        return Redirect("/emergency");
    }, Redisplay);

    public Task<IActionResult> OnPostDisableAsync(Guid id) => TryAsync(async () =>
    {
        await emergency.SetEnabledAsync(await ActorAsync(), id, false, null);
        Flash = "非常時アカウントを無効にしました。";
        return Redirect("/emergency");
    }, Redisplay);

    private async Task<IActionResult> Redisplay()
    {
        await LoadAsync(await ActorAsync());
        return Page();
    }

    private async Task LoadAsync(Actor actor)
    {
        Pending = await emergency.PendingAsync(actor);
        ManagesAccounts = actor.IsInstallationAdmin;
        if (ManagesAccounts)
        {
            Accounts = await emergency.ListAsync(actor);
        }
    }
}
