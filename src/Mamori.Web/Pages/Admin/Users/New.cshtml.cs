using Mamori.Accounts;
using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Admin.Users;

/// <summary>Adding a person with a first role and a first password they must replace at their first sign-in.</summary>
public sealed class NewModel(UserAdministration admin, FacilityService facilities) : MamoriPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public Guid? FacilityId { get; set; }
    [BindProperty] public string? Password { get; set; }

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];
    public bool InstallationAdmin { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(LoadFacilitiesAsync);

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        var role = Roles.Parse(Role) ?? throw new Mamori.Common.InvalidInputException("役割を選んでください。", nameof(Role));
        var user = await admin.CreateAsync(await ActorAsync(), Email, Name, role, FacilityId, Password);
        Flash = "利用者を追加しました。最初のサインインでパスワードの変更を求めます。";
        return Redirect($"/admin/users/{user.Id}");
    }, async () =>
    {
        await LoadFacilitiesAsync();
        Password = null;
        return Page();
    });

    private async Task LoadFacilitiesAsync()
    {
        var actor = await ActorAsync();
        if (!actor.Roles.Any(r => r.Role == Mamori.Accounts.Role.Admin))
        {
            throw new Mamori.Common.ForbiddenException("利用者の管理はシステム管理者だけができます。");
        }
        InstallationAdmin = actor.IsInstallationAdmin;
        Facilities = [.. (await facilities.ListAsync(actor)).Where(f => actor.Has(f.Id, Mamori.Accounts.Role.Admin))];
    }
}
