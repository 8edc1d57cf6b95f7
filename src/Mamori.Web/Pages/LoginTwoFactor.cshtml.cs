using Mamori.Accounts;
using Mamori.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages;

/// <summary>The second step of signing in: the authenticator app's code, or one of the recovery codes.</summary>
public sealed class LoginTwoFactorModel(SignInManager<User> signIn, AccountService accounts, EmergencyAccounts emergency, AuditLog audit) : MamoriPage
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>No password was accepted in this browser in the last minutes: the person starts again at sign-in.</summary>
    public bool Expired { get; private set; }

    public async Task OnGetAsync() => Expired = await signIn.GetTwoFactorAuthenticationUserAsync() is null;

    public async Task<IActionResult> OnPostAsync()
    {
        // Only after a right password: the two-factor cookie Identity set then names the person.
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            Expired = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var byRecoveryCode = !string.IsNullOrWhiteSpace(RecoveryCode);
        var result = byRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode!.Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync(Code?.Trim() ?? "", isPersistent: false, rememberClient: false);
        var actor = await accounts.ActorAsync(user.Id);
        var (action, outcome) = result.Succeeded ? (byRecoveryCode ? "sign-in.recovery-code" : "sign-in", AuditResult.Success)
            : result.IsLockedOut ? ("sign-in.locked-out", AuditResult.Denied)
            : ("sign-in.two-factor-failed", AuditResult.Failure);
        await audit.WriteAsync(actor, action, "user", user.Id, outcome, detail: result.Succeeded ? "two-factor" : null);
        if (result.Succeeded)
        {
            await emergency.RecordSignInAsync(user);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        Error = result.IsLockedOut
            ? "続けて失敗したため、しばらくサインインできません。時間をおいてからやり直してください。"
            : "確認コードが正しくありません。認証アプリの最新の6桁の数字か、未使用の回復コードを入力してください。";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
