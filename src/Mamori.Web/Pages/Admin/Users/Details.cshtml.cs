using Mamori.Accounts;
using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Admin.Users;

/// <summary>One person: roles added and removed, password and two-factor resets with the identity check, switching off.</summary>
public sealed class DetailsModel(UserAdministration admin, FacilityService facilities) : MamoriPage
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public string? Role { get; set; }
    [BindProperty] public Guid? FacilityId { get; set; }
    [BindProperty] public Guid RoleId { get; set; }
    [BindProperty] public IdentityCheck? Check { get; set; }
    [BindProperty] public string? CheckNote { get; set; }
    [BindProperty] public string? TemporaryPassword { get; set; }
    [BindProperty] public string? AdminPassword { get; set; }

    public UserSummary Person { get; private set; } = null!;
    public IReadOnlyList<Facility> Facilities { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> FacilityNames { get; private set; } = new Dictionary<Guid, string>();
    public bool InstallationAdmin { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(ShowAsync);

    public Task<IActionResult> OnPostAddRoleAsync() => Run("役割を追加しました。", async actor =>
        await admin.AddRoleAsync(actor, Id, Roles.Parse(Role) ?? throw new Mamori.Common.InvalidInputException("役割を選んでください。", nameof(Role)), FacilityId, AdminPassword));

    public Task<IActionResult> OnPostRemoveRoleAsync() => Run("役割を外しました。", actor => admin.RemoveRoleAsync(actor, Id, RoleId, AdminPassword));

    public Task<IActionResult> OnPostResetPasswordAsync() => Run("仮のパスワードを設定しました。本人に直接伝えてください。次のサインインで変更を求めます。",
        actor => admin.ResetPasswordAsync(actor, Id, Check, CheckNote, TemporaryPassword, AdminPassword));

    public Task<IActionResult> OnPostResetTwoFactorAsync() => Run("二要素認証を解除しました。必要な役割の人は次のサインインで設定し直します。",
        actor => admin.ResetTwoFactorAsync(actor, Id, Check, CheckNote, AdminPassword));

    public Task<IActionResult> OnPostDisableAsync() => Run("アカウントを無効にしました。", actor => admin.SetDisabledAsync(actor, Id, true, AdminPassword));

    public Task<IActionResult> OnPostEnableAsync() => Run("アカウントを有効にしました。", actor => admin.SetDisabledAsync(actor, Id, false, AdminPassword));

    private Task<IActionResult> Run(string done, Func<Actor, Task> command) => TryAsync(async () =>
    {
        await command(await ActorAsync());
        Flash = done;
        return Redirect($"/admin/users/{Id}");
    }, async () =>
    {
        await ShowAsync();
        AdminPassword = TemporaryPassword = null;
        return Page();
    });

    private async Task ShowAsync()
    {
        var actor = await ActorAsync();
        Person = await admin.GetAsync(actor, Id);
        InstallationAdmin = actor.IsInstallationAdmin;
        var visible = await facilities.ListAsync(actor);
        FacilityNames = visible.ToDictionary(f => f.Id, f => f.Name);
        Facilities = [.. visible.Where(f => actor.Has(f.Id, Mamori.Accounts.Role.Admin))];
    }
}
