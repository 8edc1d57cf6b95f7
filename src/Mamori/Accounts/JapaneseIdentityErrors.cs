using Microsoft.AspNetCore.Identity;

namespace Mamori.Accounts;

/// <summary>Identity's messages in Japanese: they reach the person creating an account, on the page and on the CLI.</summary>
public sealed class JapaneseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"メールアドレス {email} は既に登録されています。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"{userName} は既に登録されています。" };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "メールアドレスの形式が正しくありません。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "ユーザー名に使用できない文字が含まれています。" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"パスワードは{length}文字以上にしてください。" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "パスワードには数字を含めてください。" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "パスワードには記号を含めてください。" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "パスワードには英小文字を含めてください。" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "パスワードには英大文字を含めてください。" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"パスワードには{uniqueChars}種類以上の文字を使ってください。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "パスワードが正しくありません。" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "処理できませんでした。" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "他の人が先に変更しました。再読み込みしてください。" };
}

/// <summary>
/// The guideline's rule (システム管理者向け item 26): at least 13 characters mixing letters, digits and symbols, or
/// at least 8 such characters on an account with two-factor authentication where the facility chose that rule.
/// Identity's own options cannot say "a letter of either case", hence this validator.
/// </summary>
public sealed class GuidelinePasswordValidator(SecurityPolicies policies) : IPasswordValidator<User>
{
    public const int MinimumLength = 13;
    public const int MinimumLengthWithTwoFactor = 8;

    public async Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        var errors = new List<IdentityError>();
        var p = password ?? "";
        var minimum = user.TwoFactorEnabled && (await policies.ForUserAsync(user.Id)).ShortPasswordAllowed
            ? MinimumLengthWithTwoFactor
            : MinimumLength;
        if (p.Length < minimum)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"パスワードは{minimum}文字以上にしてください。" });
        }
        if (!p.Any(char.IsAsciiLetter) || !p.Any(char.IsAsciiDigit) || !p.Any(c => !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c)))
        {
            errors.Add(new IdentityError { Code = "PasswordMix", Description = "パスワードには英字・数字・記号をそれぞれ含めてください。" });
        }
        if (errors.Count > 0)
        {
            return IdentityResult.Failed([.. errors]);
        }
        // Remembered so that a later change of rule (or switching two-factor off) asks for a longer password.
        user.ShortPassword = p.Length < MinimumLength;
        return IdentityResult.Success;
    }
}
