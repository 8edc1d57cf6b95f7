using Mamori.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Mamori.Accounts;

/// <summary>
/// Identity's EF store, except for the second factor's secrets: recovery codes are kept only as SHA-256 hashes
/// (like passwords, item 24), and the authenticator key, which must be read back to check codes, is encrypted
/// with the installation's data-protection keys (shared by every node through the database).
/// </summary>
public sealed class MamoriUserStore(MamoriDbContext db, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<User, MamoriDbContext, Guid>(db, describer)
{
    // Identity's own names for where it keeps recovery codes (UserStoreBase), so CountCodesAsync keeps working.
    private const string StoreProvider = "[AspNetUserStore]";
    private const string RecoveryCodesName = "RecoveryCodes";

    private readonly IDataProtector _keys = protection.CreateProtector("Mamori.Accounts.AuthenticatorKey");

    public override Task ReplaceCodesAsync(User user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(HashCode), cancellationToken);

    /// <summary>
    /// Written out rather than left to the base, whose redeem would pass the remaining (already hashed) codes
    /// through <see cref="ReplaceCodesAsync"/> and hash them twice.
    /// </summary>
    public override async Task<bool> RedeemCodeAsync(User user, string code, CancellationToken cancellationToken)
    {
        var stored = (await GetTokenAsync(user, StoreProvider, RecoveryCodesName, cancellationToken) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = HashCode(code ?? "");
        if (!stored.Contains(hash))
        {
            return false;
        }
        await SetTokenAsync(user, StoreProvider, RecoveryCodesName, string.Join(';', stored.Where(h => h != hash)), cancellationToken);
        return true;
    }

    public override Task SetAuthenticatorKeyAsync(User user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, _keys.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(User user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        return stored is null ? null : _keys.Unprotect(stored);
    }

    /// <summary>Codes are typed by people: case and the hyphen do not matter.</summary>
    private static string HashCode(string code) =>
        Secrets.Hash(new string([.. code.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant());
}
