using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Accounts;

/// <summary>
/// Refuses passwords an attacker tries first: a common or breached password (a shipped list of ~49,000), the
/// same with digits and symbols added around it ("Password123!"), or one containing the user's own name or email.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<User>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        var p = (password ?? "").ToLowerInvariant();
        if (p.Length == 0)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (IsCommon(p))
        {
            return Fail("CommonPassword", "よく使われるパスワードや流出したパスワード（またはそれに数字・記号を足したもの）は使えません。推測されにくい文字列にしてください。");
        }
        if (PersonalParts(user).Any(part => p.Contains(part, StringComparison.Ordinal)))
        {
            return Fail("PersonalPassword", "パスワードに氏名やメールアドレスを含めないでください。");
        }
        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string lowerCasePassword)
    {
        if (Common.Value.Contains(lowerCasePassword))
        {
            return true;
        }
        // The word under the decoration: "P@ssw0rd2026!" → "password".
        var core = Core(lowerCasePassword);
        return core.Length >= 4 && Common.Value.Contains(core);
    }

    private static string Core(string p)
    {
        var core = new StringBuilder();
        foreach (var c in p)
        {
            var letter = c switch
            {
                '@' or '4' => 'a',
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '$' or '5' => 's',
                '7' => 't',
                _ => c,
            };
            if (char.IsAsciiLetterLower(letter))
            {
                core.Append(letter);
            }
        }
        // Leading and trailing digits were usually a year or a counter, not part of the word.
        var trimmed = new string(p.Trim("0123456789!?#$%&*+-_=.~^".ToCharArray()).Where(char.IsAsciiLetterLower).ToArray());
        return Common.Value.Contains(trimmed) ? trimmed : core.ToString();
    }

    private static IEnumerable<string> PersonalParts(User user)
    {
        var email = user.Email ?? user.UserName ?? "";
        var local = email.Split('@')[0];
        var parts = new List<string> { email, local };
        parts.AddRange((user.DisplayName ?? "").Split([' ', '　', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries));
        parts.AddRange(local.Split(['.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries));
        return parts.Select(x => x.ToLowerInvariant()).Where(x => x.Length >= 3).Distinct();
    }

    private static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Mamori.Accounts.common-passwords.txt")
            ?? throw new InvalidDataException("common-passwords.txt is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }
        return set;
    }
}
