using Mamori.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages;

public sealed class LogoutModel(SignInManager<User> signIn, Mamori.Web.Infrastructure.CurrentActor me, Mamori.Audit.AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        audit.Record(await me.GetAsync(), "sign-out", "user", (await me.GetAsync()).UserId);
        await audit.SaveAsync();
        await signIn.SignOutAsync();
        return Redirect("/login");
    }
}
