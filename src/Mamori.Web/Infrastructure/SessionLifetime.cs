using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Mamori.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// An absolute limit on a sign-in (Session:AbsoluteMinutes, default 12 hours), on top of the sliding idle
/// timeout: a session kept alive by activity still ends, and the person signs in again. Each sign-in is also a
/// session in the database (<see cref="SignInSessions"/>), checked on every request, so signing out ends it for
/// every copy of the cookie, on every node within 5 seconds.
/// </summary>
public static class SessionLifetime
{
    private const string SignedInAt = "mamori:signed-in-at";
    private const string Session = "mamori:session";

    /// <summary>The session the signed-in cookie names, if any.</summary>
    public static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(Session)?.Value, out var id) ? id : null;

    public static void Configure(CookieAuthenticationOptions cookie, IConfiguration configuration)
    {
        var limit = TimeSpan.FromMinutes(configuration.GetValue("Session:AbsoluteMinutes", 720.0));
        cookie.Events.OnSigningIn = async context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SignedInAt))
            {
                identity.AddClaim(new Claim(SignedInAt, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)));
            }
            if (context.Principal?.Identity is ClaimsIdentity signedIn && !signedIn.HasClaim(c => c.Type == Session)
                && Guid.TryParse(signedIn.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
            {
                var session = await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().StartAsync(userId, context.HttpContext.RequestAborted);
                signedIn.AddClaim(new Claim(Session, session.ToString()));
            }
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            if (context.Principal?.FindFirst(SignedInAt)?.Value is not { } ticks
                || !long.TryParse(ticks, CultureInfo.InvariantCulture, out var at)
                || now.UtcTicks - at > limit.Ticks)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            // Ended by a sign-out (any copy of this cookie, any node), or the account was disabled.
            if (SessionOf(context.Principal) is not { } session
                || !Guid.TryParse(context.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId)
                || !await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().IsOpenAsync(session, userId, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
    }

    /// <summary>The stamp check rebuilds the principal from the database; keep when this sign-in began and its session.</summary>
    public static void KeepSignInTime(SecurityStampValidatorOptions options) => options.OnRefreshingPrincipal = context =>
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            foreach (var kept in new[] { SignedInAt, Session })
            {
                if (context.CurrentPrincipal?.FindFirst(kept) is { } claim)
                {
                    identity.AddClaim(new Claim(kept, claim.Value));
                }
            }
        }
        return Task.CompletedTask;
    };
}
