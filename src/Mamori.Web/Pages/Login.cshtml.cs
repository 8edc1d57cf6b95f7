using Mamori.Accounts;
using Mamori.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages;

public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, AccountService accounts, EmergencyAccounts emergency, AuditLog audit) : MamoriPage
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>Every attempt goes to the access log; a failure names the address tried, never whether it exists.</summary>
    private async Task RecordAsync(Microsoft.AspNetCore.Identity.SignInResult result)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        var actor = user is null ? new Actor(null, Mamori.Common.Text.Truncate(Email, 100) ?? "", []) : await accounts.ActorAsync(user.Id);
        var (action, outcome) = result.Succeeded ? ("sign-in", AuditResult.Success)
            : result.IsLockedOut ? ("sign-in.locked-out", AuditResult.Denied)
            : result.IsNotAllowed ? ("sign-in.disabled", AuditResult.Denied)
            : ("sign-in.failed", AuditResult.Failure);
        audit.Record(actor, action, "user", user?.Id, outcome);
        await audit.SaveAsync();
    }

    private async Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null || string.IsNullOrEmpty(Password))
        {
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        // A disabled account (an emergency account not switched on) gets the same answer as a wrong password.
        return user.Disabled
            ? Microsoft.AspNetCore.Identity.SignInResult.NotAllowed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
    }

    private async Task<bool> PasswordIsRightAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        return user is not null && !user.Disabled && !string.IsNullOrEmpty(Password) && !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, Password);
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await SignInAsync();
        if (!result.Succeeded && !result.IsLockedOut && await PasswordIsRightAsync())
        {
            // A correct password can still fail when two sign-ins of one account race to reset its failed-attempt
            // count (Identity's concurrency stamp). Try once more with the user as it is now.
            result = await SignInAsync();
        }
        await RecordAsync(result);
        if (result.Succeeded)
        {
            if (await users.FindByEmailAsync(Email!.Trim()) is { Emergency: true } used)
            {
                await emergency.RecordSignInAsync(used);
            }
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        // One message for unknown account, wrong password and lockout: sign-in never reveals whether an account exists.
        Error = "メールアドレスまたはパスワードが正しくありません。続けて失敗するとしばらくサインインできなくなります。";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
