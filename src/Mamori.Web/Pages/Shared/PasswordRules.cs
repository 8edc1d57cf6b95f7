using Mamori.Accounts;

namespace Mamori.Web.Pages.Shared;

/// <summary>
/// The password rules stated beside a password field, taken from the validators that enforce them, so the page
/// cannot promise a rule the server does not apply. <paramref name="ShortWithTwoFactor"/>: the field may hold the
/// 8-character password the facility allows with two-factor (only a password change can; a new account has none yet).
/// </summary>
public sealed record PasswordRules(string Id, bool ShortWithTwoFactor = false)
{
    public static int Minimum => GuidelinePasswordValidator.MinimumLength;

    public static int MinimumWithTwoFactor => GuidelinePasswordValidator.MinimumLengthWithTwoFactor;
}
