using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Mamori.Accounts;

/// <summary>
/// Identity's authenticator codes (RFC 6238, 6 digits, 30 seconds), checked with Otp.NET so that a code once
/// accepted is refused afterwards (RFC 6238 §5.2; Identity's own provider accepts a code again within its window).
/// One step either side is allowed for a phone whose clock is a little off.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<User>
{
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public Task<string> GenerateAsync(string purpose, UserManager<User> manager, User user) =>
        throw new NotSupportedException("Authenticator codes come from the person's authenticator app.");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        if (await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key
            || !Verify(key, token, clock.GetUtcNow(), out var step) || step <= user.LastTotpStep)
        {
            return false;
        }
        user.LastTotpStep = step;
        // Saved now (with the concurrency stamp), so a second sign-in racing with the same code loses.
        return (await manager.UpdateAsync(user)).Succeeded;
    }

    /// <summary>Whether <paramref name="token"/> is the key's code now (one step either side), and the step it belongs to.</summary>
    public static bool Verify(string key, string? token, DateTimeOffset now, out long step)
    {
        step = 0;
        var code = new string([.. (token ?? "").Where(char.IsAsciiDigit)]);
        return code.Length == 6 && new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(now.UtcDateTime, code, out step, Window);
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<User> manager, User user) =>
        user.TwoFactorEnabled && !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
}
