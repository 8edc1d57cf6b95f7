using Mamori.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Account;

/// <summary>Changing one's own password; the page people are sent to after an administrator's reset.</summary>
public sealed class PasswordModel(UserManager<User> users, SignInManager<User> signIn, AccountService accounts) : MamoriPage
{
    public bool MustChange { get; private set; }

    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? New { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        MustChange = user.MustChangePassword || User.HasClaim(AccountClaims.ObligationType, nameof(Obligation.ChangePassword));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        return await TryAsync(async () =>
        {
            await accounts.ChangePasswordAsync(user, Current, New, Confirmation);
            // The change gave the account a new security stamp (other devices are signed out); keep this one.
            await signIn.RefreshSignInAsync(user);
            Flash = "パスワードを変更しました。";
            return Redirect("/account");
        }, async () =>
        {
            MustChange = user.MustChangePassword;
            Current = New = Confirmation = null;
            return Page();
        });
    }
}
