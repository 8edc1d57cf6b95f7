using System.Security.Cryptography;

namespace Mamori.Campaigns;

/// <summary>
/// Public link codes: 20 characters of a 31-letter alphabet without look-alikes (0/o, 1/l/i), 99 random bits,
/// so nobody finds a link by trying, and someone typing one from a printed sheet rarely misreads it.
/// </summary>
public static class LinkCodes
{
    public const int Length = 20;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>A quick check before any database lookup: wrong length or letters are simply not found.</summary>
    public static bool LooksValid(string? code) =>
        code is { Length: Length } && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
