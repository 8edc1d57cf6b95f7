using Mamori.Data;
using Mamori.Audit;
using Mamori.Common;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Accounts;

/// <summary>The secret an authenticator app needs: as text to type, and as the otpauth URI a QR code carries.</summary>
public sealed record Enrolment(string Key, string Uri)
{
    /// <summary>The key in groups of four, easier to type from the screen.</summary>
    public string GroupedKey => string.Join(' ', Key.Chunk(4).Select(c => new string(c)));
}

/// <summary>Setting up, using and removing two-factor authentication (authenticator app + recovery codes, item 23).</summary>
public sealed class TwoFactor(MamoriDbContext db, UserManager<User> users, IUserStore<User> store, SecurityPolicies policies, AccountService accounts, Reauthentication reauthentication, AuditLog audit)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The secret to enrol with; made once and kept until enrolment succeeds, so a reload shows the same QR code.</summary>
    public async Task<Enrolment> BeginAsync(User user)
    {
        if (user.TwoFactorEnabled)
        {
            throw new ConflictException("二要素認証は既に設定されています。");
        }
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            // Not UserManager.ResetAuthenticatorKeyAsync: it also changes the security stamp, which would sign the
            // person out everywhere (this very page included) merely for opening the set-up page.
            await ((IUserAuthenticatorKeyStore<User>)store).SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
            await users.UpdateAsync(user);
        }
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var label = Uri.EscapeDataString($"Mamori:{user.Email}");
        return new Enrolment(key, $"otpauth://totp/{label}?secret={key}&issuer=Mamori&digits=6&period=30");
    }

    /// <summary>Turns two-factor on once the app shows a right code; returns the recovery codes, shown only now.</summary>
    public async Task<IReadOnlyList<string>> ConfirmAsync(User user, string? code)
    {
        if (user.TwoFactorEnabled)
        {
            throw new ConflictException("二要素認証は既に設定されています。");
        }
        if (string.IsNullOrWhiteSpace(code) || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            throw new InvalidInputException("確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。", "code");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        audit.Record(await ActorAsync(user), "two-factor.enable", "user", user.Id);
        await db.SaveChangesAsync();
        return [.. codes];
    }

    /// <summary>New recovery codes (the old ones stop working); asks for the password again.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(User user, string? password)
    {
        var actor = await RequirePasswordAsync(user, password);
        if (!user.TwoFactorEnabled)
        {
            throw new ConflictException("二要素認証が設定されていません。");
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        audit.Record(actor, "two-factor.recovery-codes", "user", user.Id);
        await db.SaveChangesAsync();
        return [.. codes];
    }

    public Task<int> RemainingRecoveryCodesAsync(User user) => users.CountRecoveryCodesAsync(user);

    /// <summary>Switches two-factor off, unless a role of the person requires it; asks for the password again.</summary>
    public async Task DisableAsync(User user, string? password)
    {
        var actor = await RequirePasswordAsync(user, password);
        if ((await policies.ForUserAsync(user.Id)).TwoFactorRequired)
        {
            throw new ForbiddenException("あなたの役割では二要素認証が必須のため、無効にできません。");
        }
        await RemoveAsync(user);
        audit.Record(actor, "two-factor.disable", "user", user.Id);
        await db.SaveChangesAsync();
    }

    /// <summary>Removes the second factor (the person's own choice, or an administrator's reset after a lost phone).</summary>
    public async Task RemoveAsync(User user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        // Resetting the key also changes the security stamp, so every sign-in is rebuilt and (with a short
        // password, which no longer meets the rule) asked for a new password.
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    /// <summary>The password again; returns the person as the actor for the log entry that follows.</summary>
    private async Task<Actor> RequirePasswordAsync(User user, string? password)
    {
        var actor = await ActorAsync(user);
        await reauthentication.RequireAsync(actor, password, "reauthenticate", field: "Password");
        return actor;
    }

    private Task<Actor> ActorAsync(User user) => accounts.ActorAsync(user.Id);
}
