using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mamori.Accounts;

/// <summary>Something a signed-in person must do before anything else (the web host sends them to its page).</summary>
public enum Obligation
{
    /// <summary>Their roles require two-factor authentication and they have not set it up (item 23).</summary>
    EnrolTwoFactor,

    /// <summary>An administrator reset the password, or it is too short for the rule now in force (items 25, 26).</summary>
    ChangePassword,
}

/// <summary>
/// Builds the sign-in's claims and adds the person's outstanding obligations. The cookie is rebuilt with this
/// at every security-stamp check, so a changed policy reaches people already signed in.
/// </summary>
public sealed class AccountClaims(UserManager<User> users, IOptions<IdentityOptions> options, SecurityPolicies policies)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    public const string ObligationType = "mamori:obligation";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var obligation in await ObligationsAsync(user))
        {
            identity.AddClaim(new Claim(ObligationType, obligation.ToString()));
        }
        return identity;
    }

    public async Task<IReadOnlyList<Obligation>> ObligationsAsync(User user)
    {
        var requirements = await policies.ForUserAsync(user.Id);
        var list = new List<Obligation>();
        if (requirements.TwoFactorRequired && !user.TwoFactorEnabled)
        {
            list.Add(Obligation.EnrolTwoFactor);
        }
        var shortPasswordAllowed = requirements.ShortPasswordAllowed && user.TwoFactorEnabled;
        if (user.MustChangePassword || (user.ShortPassword && !shortPasswordAllowed))
        {
            list.Add(Obligation.ChangePassword);
        }
        return list;
    }
}
