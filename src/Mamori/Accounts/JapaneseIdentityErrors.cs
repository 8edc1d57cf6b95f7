using Mamori.Common;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Accounts;

/// <summary>Identity's messages in Japanese: they reach the person creating an account, on the page and on the CLI.</summary>
public sealed class JapaneseIdentityErrors : IdentityErrorDescriber
{
    /// <summary>Identity's failures as one refusal; those described here keep their format, so the web layer can translate them.</summary>
    public static MessageText Text(IEnumerable<IdentityError> errors) =>
        new("{0}", new MessageList(" ", [.. errors.Select(e => e is TranslatableIdentityError t ? t.Text : new MessageText(e.Description))]));

    internal static IdentityError Error(string code, string format, params object?[] arguments) => new TranslatableIdentityError(code, new MessageText(format, arguments));

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "メールアドレス {0} は既に登録されています。", email);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "{0} は既に登録されています。", userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "メールアドレスの形式が正しくありません。");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "ユーザー名に使用できない文字が含まれています。");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "パスワードは{0}文字以上にしてください。", length);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "パスワードには数字を含めてください。");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "パスワードには記号を含めてください。");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "パスワードには英小文字を含めてください。");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "パスワードには英大文字を含めてください。");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "パスワードには{0}種類以上の文字を使ってください。", uniqueChars);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "パスワードが正しくありません。");
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "処理できませんでした。");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "他の人が先に変更しました。再読み込みしてください。");
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
            errors.Add(JapaneseIdentityErrors.Error("PasswordTooShort", "パスワードは{0}文字以上にしてください。", minimum));
        }
        if (!p.Any(char.IsAsciiLetter) || !p.Any(char.IsAsciiDigit) || !p.Any(c => !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c)))
        {
            errors.Add(JapaneseIdentityErrors.Error("PasswordMix", "パスワードには英字・数字・記号をそれぞれ含めてください。"));
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

/// <summary>An Identity error whose Japanese description keeps its format and values apart (see <see cref="MessageText"/>).</summary>
internal sealed class TranslatableIdentityError : IdentityError
{
    public TranslatableIdentityError(string code, MessageText text)
    {
        Code = code;
        Description = text.ToString();
        Text = text;
    }

    public MessageText Text { get; }
}
