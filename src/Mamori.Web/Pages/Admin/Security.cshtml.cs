using Mamori.Accounts;
using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Admin;

/// <summary>Per facility (or the installation's default): which password rule applies and which roles must use two-factor.</summary>
public sealed class SecurityModel(SecurityPolicies policies, FacilityService facilities) : MamoriPage
{
    [BindProperty(SupportsGet = true)] public Guid? FacilityId { get; set; }
    [BindProperty] public PasswordRule PasswordRule { get; set; }
    [BindProperty] public List<string> TwoFactorRoles { get; set; } = [];
    [BindProperty] public int Revision { get; set; }

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];
    public bool InstallationAdmin { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(async () =>
    {
        await LoadChoicesAsync();
        var policy = await policies.GetAsync(FacilityId);
        PasswordRule = policy.PasswordRule;
        TwoFactorRoles = [.. policy.TwoFactorRoles.Select(r => r.ToKey())];
        Revision = policy.FacilityId == FacilityId ? policy.Revision : 0;
    });

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        var roles = TwoFactorRoles.Select(Roles.Parse).OfType<Role>().ToList();
        await policies.SaveAsync(await ActorAsync(), FacilityId, PasswordRule, roles, Revision);
        Flash = "方針を保存しました。サインイン中の人にも1分以内に反映されます。";
        return Redirect(FacilityId is { } f ? $"/admin/security?facilityId={f}" : "/admin/security");
    }, async () =>
    {
        await LoadChoicesAsync();
        return Page();
    });

    private async Task LoadChoicesAsync()
    {
        var actor = await ActorAsync();
        InstallationAdmin = actor.IsInstallationAdmin;
        Facilities = [.. (await facilities.ListAsync(actor)).Where(f => actor.Has(f.Id, Role.Admin))];
        if (!InstallationAdmin && (FacilityId is null || Facilities.All(f => f.Id != FacilityId)))
        {
            FacilityId = Facilities.Count > 0 ? Facilities[0].Id : throw new Mamori.Common.ForbiddenException("この設定を変更できるのはシステム管理者だけです。");
        }
    }
}
