using System.Text.Json;
using Mamori.Accounts;
using Mamori.Common;
using Mamori.Data;
using Mamori.Facilities;
using Mamori.Web.Infrastructure;
using Mamori.Web.Pages.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Emergency;

/// <summary>
/// Creating an emergency account on a page (items 45–46), in two steps: the details with the administrator's password
/// again, then the authenticator app enrolled on the spot and a right code from it. Only then is the account saved
/// (disabled, as from the command line) and its recovery codes shown to print, so nobody sets up a second factor
/// in the middle of a crisis. Installation administrators only, as <see cref="EmergencyAccounts"/> decides.
/// </summary>
public sealed class NewModel(EmergencyAccounts emergency, FacilityService facilities, UserManager<User> users, MamoriDbContext db, TimeProvider clock, IDataProtectionProvider protection) : MamoriPage
{
    private static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(15);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public Guid? FacilityId { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? AdminPassword { get; set; }
    [BindProperty] public string? Code { get; set; }

    /// <summary>
    /// The first step's details and the key between the two steps, sealed with the installation's data-protection
    /// keys (nobody can read or change them in the browser) and good for 15 minutes: nothing is saved before the code.
    /// </summary>
    [BindProperty] public string? Pending { get; set; }

    public IReadOnlyList<Facility> Facilities { get; private set; } = [];
    public Enrolment? Enrolment { get; private set; }
    public RecoverySheet? RecoverySheet { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await AllowedAsync() ? await LoadAsync(LoadFacilitiesAsync) : Forbid();

    public async Task<IActionResult> OnPostStartAsync() => !await AllowedAsync() ? Forbid() : await TryAsync(async () =>
    {
        var account = new NewEmergencyAccount(Email, Name, FacilityId, Password);
        var enrolment = await emergency.BeginAsync(await ActorAsync(), AdminPassword, account);
        Pending = Protector().Protect(JsonSerializer.Serialize(new PendingAccount(Email, Name, FacilityId, Password, enrolment.Key, (await ActorAsync()).UserId)), PendingFor);
        return await ShowEnrolmentAsync(enrolment);
    }, RedisplayDetailsAsync);

    public async Task<IActionResult> OnPostConfirmAsync() => !await AllowedAsync() ? Forbid() : await TryAsync(async () =>
    {
        var pending = TryUnseal((await ActorAsync()).UserId)
            ?? throw new InvalidInputException("入力から時間がたったため、最初からやり直してください。", nameof(Pending));
        var codes = await emergency.CreateEnrolledAsync(await ActorAsync(), new NewEmergencyAccount(pending.Email, pending.Name, pending.FacilityId, pending.Password), pending.Key, Code);
        var user = await users.FindByEmailAsync(pending.Email!) ?? throw new NotFoundException("非常時アカウントが見つかりません。");
        RecoverySheet = await RecoverySheet.ForAsync(db, user, codes, clock.GetUtcNow());
        Pending = null;
        Code = null;
        return Page();
    }, async () =>
    {
        // A wrong code: the same key and QR code again, so the app already set up keeps working.
        var pending = TryUnseal((await ActorAsync()).UserId);
        return pending is null ? await RedisplayDetailsAsync() : await ShowEnrolmentAsync(Enrolled(pending));
    });

    private async Task<IActionResult> ShowEnrolmentAsync(Enrolment enrolment)
    {
        Enrolment = enrolment;
        Password = null;
        AdminPassword = null;
        Code = null;
        await LoadFacilitiesAsync();
        return Page();
    }

    private async Task<IActionResult> RedisplayDetailsAsync()
    {
        Password = null;
        AdminPassword = null;
        Pending = null;
        await LoadFacilitiesAsync();
        return Page();
    }

    private static Enrolment Enrolled(PendingAccount pending) =>
        new(pending.Key, $"otpauth://totp/{Uri.EscapeDataString($"Mamori:{pending.Email}")}?secret={pending.Key}&issuer=Mamori&digits=6&period=30");

    private PendingAccount? TryUnseal(Guid? by)
    {
        try
        {
            var pending = string.IsNullOrEmpty(Pending) ? null : JsonSerializer.Deserialize<PendingAccount>(Protector().Unprotect(Pending));
            // Sealed for the administrator who typed the password, not for whoever holds the page.
            return pending is not null && pending.By == by ? pending : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector() => protection.CreateProtector("Mamori.Emergency.NewAccount").ToTimeLimitedDataProtector();

    private async Task<bool> AllowedAsync() => (await ActorAsync()).IsInstallationAdmin;

    private async Task LoadFacilitiesAsync() => Facilities = await facilities.ListAsync(await ActorAsync());

    private sealed record PendingAccount(string? Email, string? Name, Guid? FacilityId, string? Password, string Key, Guid? By);
}
