using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// An absolute limit on a sign-in (Session:AbsoluteMinutes, default 12 hours), on top of the sliding idle
/// timeout: a session kept alive by activity still ends, and the person signs in again.
/// </summary>
public static class SessionLifetime
{
    private const string SignedInAt = "mamori:signed-in-at";

    public static void Configure(CookieAuthenticationOptions cookie, IConfiguration configuration)
    {
        var limit = TimeSpan.FromMinutes(configuration.GetValue("Session:AbsoluteMinutes", 720.0));
        cookie.Events.OnSigningIn = context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SignedInAt))
            {
                identity.AddClaim(new Claim(SignedInAt, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)));
            }
            return Task.CompletedTask;
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
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
    }

    /// <summary>The stamp check rebuilds the principal from the database; keep when this sign-in began.</summary>
    public static void KeepSignInTime(SecurityStampValidatorOptions options) => options.OnRefreshingPrincipal = context =>
    {
        if (context.CurrentPrincipal?.FindFirst(SignedInAt) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SignedInAt, claim.Value));
        }
        return Task.CompletedTask;
    };
}
