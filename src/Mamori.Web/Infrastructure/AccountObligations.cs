using Mamori.Accounts;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Sends a signed-in person with an outstanding obligation (set up two-factor, change a reset password) to the page
/// where they meet it, from wherever they go; signing out stays possible. The API is unaffected: a token is only
/// made by someone who has already passed here.
/// </summary>
public static class AccountObligations
{
    public static IApplicationBuilder UseAccountObligations(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && !ProblemResponses.IsApi(context)
            && context.User.FindAll(AccountClaims.ObligationType)
                .Select(c => Enum.TryParse<Obligation>(c.Value, out var o) ? o : (Obligation?)null)
                .Where(o => o is not null).Min() is { } first)
        {
            var page = PageFor(first);
            var path = context.Request.Path;
            if (!path.StartsWithSegments(page) && !path.StartsWithSegments("/logout") && !path.StartsWithSegments("/culture"))
            {
                context.Response.Redirect(page);
                return;
            }
        }
        await next(context);
    });

    public static string PageFor(Obligation obligation) => obligation switch
    {
        Obligation.EnrolTwoFactor => "/account/two-factor",
        Obligation.ChangePassword => "/account/password",
    };
}
