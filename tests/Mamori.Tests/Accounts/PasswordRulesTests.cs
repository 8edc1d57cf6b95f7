using Mamori.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Tests.Accounts;

/// <summary>The guideline's password rule (13+ mixing letters, digits, symbols) and the refusal of common or personal passwords.</summary>
public sealed class PasswordRulesTests
{
    private static readonly User Hanako = new() { DisplayName = "Sato Hanako", Email = "hanako.sato@minato-hp.jp", UserName = "hanako.sato@minato-hp.jp" };

    private static async Task<IReadOnlyList<string>> ErrorsAsync(string password)
    {
        var errors = new List<string>();
        // The facility policies are consulted only for an account with two-factor (PasswordPolicyTests covers that).
        foreach (var validator in new IPasswordValidator<User>[] { new GuidelinePasswordValidator(null!), new CommonPasswordValidator() })
        {
            var result = await validator.ValidateAsync(null!, Hanako, password);
            errors.AddRange(result.Errors.Select(e => e.Code));
        }
        return errors;
    }

    [Theory]
    [InlineData("Kx7#mQ2!vRt9pL")]
    [InlineData("湯のみ-Blue7-Kettle")]
    [InlineData("correct-Horse-battery-9")]
    public async Task Strong_passwords_pass(string password) => Assert.Empty(await ErrorsAsync(password));

    [Theory]
    [InlineData("Kx7#mQ2!vRt9", "PasswordTooShort")]
    [InlineData("kxqmvrtplwzabc", "PasswordMix")]
    [InlineData("Kx7mQ2vRt9pLw", "PasswordMix")]
    public async Task The_guideline_rule_is_enforced(string password, string code) => Assert.Contains(code, await ErrorsAsync(password));

    [Theory]
    [InlineData("Password12345!")]
    [InlineData("P@ssw0rd2026!!")]
    [InlineData("1qaz2wsx3edc!!")]
    [InlineData("Iloveyou!20262")]
    [InlineData("qwertyuiop123!")]
    public async Task Common_passwords_with_digits_and_symbols_around_them_are_refused(string password) =>
        Assert.Contains("CommonPassword", await ErrorsAsync(password));

    [Theory]
    [InlineData("Hanako#2026-Kx7")]
    [InlineData("x9!SATO-secret-7")]
    [InlineData("hanako.sato@minato-hp.jp1!")]
    public async Task The_users_own_name_or_email_is_refused(string password) =>
        Assert.Contains("PersonalPassword", await ErrorsAsync(password));
}
