using Mamori.Accounts;
using Mamori.Data;
using Mamori.Web.Pages.Shared;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Account;

/// <summary>Setting up the authenticator app (QR code or typed key), recovery codes, and switching it off where allowed.</summary>
public sealed class TwoFactorModel(UserManager<User> users, SignInManager<User> signIn, TwoFactor twoFactor, SecurityPolicies policies, MamoriDbContext db, TimeProvider clock) : MamoriPage
{
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public Enrolment? Enrolment { get; private set; }
    public int RemainingCodes { get; private set; }

    /// <summary>Shown once, right after they are made.</summary>
    public RecoverySheet? RecoverySheet { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public Task<IActionResult> OnPostConfirmAsync() => WithUserAsync(async user =>
    {
        RecoverySheet = await RecoverySheet.ForAsync(db, user, await twoFactor.ConfirmAsync(user, Code), clock.GetUtcNow());
        // A new cookie without the "set up two-factor" obligation, and marked as a two-factor sign-in.
        await signIn.RefreshSignInAsync(user);
        return await ShowAsync();
    });

    public Task<IActionResult> OnPostNewCodesAsync() => WithUserAsync(async user =>
    {
        RecoverySheet = await RecoverySheet.ForAsync(db, user, await twoFactor.NewRecoveryCodesAsync(user, Password), clock.GetUtcNow());
        return await ShowAsync();
    });

    public Task<IActionResult> OnPostDisableAsync() => WithUserAsync(async user =>
    {
        await twoFactor.DisableAsync(user, Password);
        await signIn.RefreshSignInAsync(user);
        Flash = "二要素認証を無効にしました。";
        return RedirectToPage();
    });

    private async Task<IActionResult> WithUserAsync(Func<User, Task<IActionResult>> command)
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : await TryAsync(() => command(user), ShowAsync);
    }

    private async Task<IActionResult> ShowAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Enabled = user.TwoFactorEnabled;
        Required = (await policies.ForUserAsync(user.Id)).TwoFactorRequired;
        if (Enabled)
        {
            RemainingCodes = await twoFactor.RemainingRecoveryCodesAsync(user);
        }
        else
        {
            Enrolment = await twoFactor.BeginAsync(user);
        }
        Code = null;
        Password = null;
        return Page();
    }
}
