using System.Security.Cryptography;
using System.Text;

namespace Mamori.Accounts;

/// <summary>Random secrets shown once (API tokens, setup codes) and the hash under which they are stored.</summary>
public static class Secrets
{
    public static string NewToken(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A code a person can type from the console: 4 groups of 4 letters/digits without look-alikes.</summary>
    public static string NewSetupCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
