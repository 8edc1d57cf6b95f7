using Mamori.Accounts;
using Mamori.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Account;

/// <summary>The signed-in person's own account: who they are, their roles, and signing out on every device.</summary>
public sealed class IndexModel(UserManager<User> users, SignInManager<User> signIn, AuditLog audit) : MamoriPage
{
    public Actor Me { get; private set; } = null!;

    public async Task OnGetAsync() => Me = await ActorAsync();

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var actor = await ActorAsync();
        var user = await users.FindByIdAsync(actor.UserId.ToString()!);
        if (user is null)
        {
            return Forbid();
        }
        // A new security stamp invalidates every sign-in cookie of this user at its next check, on every node.
        await users.UpdateSecurityStampAsync(user);
        await HttpContext.RequestServices.GetRequiredService<SignInSessions>().EndAllAsync(user.Id);
        await audit.WriteAsync(actor, "sign-out.everywhere", "user", user.Id, AuditResult.Success);
        await signIn.SignOutAsync();
        return Redirect("/login");
    }
}
