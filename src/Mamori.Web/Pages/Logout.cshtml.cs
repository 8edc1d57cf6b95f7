using Mamori.Audit;
using Mamori.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages;

public sealed class LogoutModel(SignInManager<User> signIn, Mamori.Web.Infrastructure.CurrentActor me, Mamori.Audit.AuditLog audit, SignInSessions sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await me.GetAsync();
        await audit.WriteAsync(actor, "sign-out", "user", actor.UserId, AuditResult.Success);
        // Ended on the server, not only forgotten by this browser: a copy of the cookie stops working too.
        if (Mamori.Web.Infrastructure.SessionLifetime.SessionOf(User) is { } session)
        {
            await sessions.EndAsync(session);
        }
        await signIn.SignOutAsync();
        return Redirect("/login");
    }
}
