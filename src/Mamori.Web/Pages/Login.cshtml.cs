using Mamori.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages;

public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users) : MamoriPage
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    private async Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        return user is null || string.IsNullOrEmpty(Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
    }

    private async Task<bool> PasswordIsRightAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        return user is not null && !string.IsNullOrEmpty(Password) && !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, Password);
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
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        // One message for unknown account, wrong password and lockout: sign-in never reveals whether an account exists.
        Error = "メールアドレスまたはパスワードが正しくありません。続けて失敗するとしばらくサインインできなくなります。";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
