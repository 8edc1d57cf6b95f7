using Mamori.Accounts;
using Mamori.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages;

/// <summary>First start: the console's one-time code lets its holder create the first administrator.</summary>
public sealed class SetupModel(AccountService accounts, SignInManager<User> signIn) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? PasswordConfirm { get; set; }

    public bool CodeValid { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        CodeValid = await accounts.IsSetupCodeValidAsync(Code);
        if (!CodeValid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        if (Password != PasswordConfirm)
        {
            throw new InvalidInputException("確認用のパスワードが一致しません。", nameof(PasswordConfirm));
        }
        var user = await accounts.CompleteSetupAsync(Code, Email, Name, Password);
        await signIn.SignInAsync(user, isPersistent: false);
        Flash = "管理者を作成しました。最初の医療機関を登録してください。";
        return Redirect("/facilities/new");
    }, async () =>
    {
        CodeValid = await accounts.IsSetupCodeValidAsync(Code);
        return Page();
    });
}
