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
    private async Task RecordAsync(User? user, Microsoft.AspNetCore.Identity.SignInResult result)
    {
        var actor = user is null ? new Actor(null, Mamori.Common.Text.Truncate(Email, 100) ?? "", []) : await accounts.ActorAsync(user.Id);
        var (action, outcome) = result.Succeeded ? ("sign-in", AuditResult.Success)
            : result.RequiresTwoFactor ? ("sign-in.password-accepted", AuditResult.Success)
            : result.IsLockedOut ? ("sign-in.locked-out", AuditResult.Denied)
            : result.IsNotAllowed ? ("sign-in.disabled", AuditResult.Denied)
            : ("sign-in.failed", AuditResult.Failure);
        await audit.WriteAsync(actor, action, "user", user?.Id, outcome);
    }

    private Task<User?> FindUserAsync() => string.IsNullOrWhiteSpace(Email) ? Task.FromResult<User?>(null) : users.FindByEmailAsync(Email.Trim());

    private async Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync(User? user)
    {
        if (user is null || string.IsNullOrEmpty(Password))
        {
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        // A disabled account (an emergency account not switched on) gets the same answer as a wrong password.
        return user.Disabled
            ? Microsoft.AspNetCore.Identity.SignInResult.NotAllowed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindUserAsync();
        var result = await SignInAsync(user);
        if (!result.Succeeded && !result.RequiresTwoFactor && !result.IsLockedOut && !result.IsNotAllowed && user is not null)
        {
            // A correct password can still fail when two sign-ins of one account race to reset its failed-attempt
            // count (Identity's concurrency stamp). If the password is right, try once more with the user as it is now.
            user = await FindUserAsync();
            if (user is not null && !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, Password!))
            {
                result = await SignInAsync(user);
            }
        }
        await RecordAsync(user, result);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/LoginTwoFactor", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        }
        if (result.Succeeded)
        {
            await emergency.RecordSignInAsync(user!);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        // One message for unknown account, wrong password and lockout: sign-in never reveals whether an account exists.
        Error = "メールアドレスまたはパスワードが正しくありません。続けて失敗するとしばらくサインインできなくなります。";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
