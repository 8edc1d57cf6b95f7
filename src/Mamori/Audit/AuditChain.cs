using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mamori.Audit;

/// <summary>The hash chain: how an entry's hash is computed and how a run of entries is checked.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the very first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(AuditEntry e)
    {
        // Unit separators cannot occur in the fields (input text refuses control characters), so the join is unambiguous.
        var content = string.Join('\u001f',
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            e.UserId?.ToString() ?? "",
            e.UserName,
            e.Vendor ? "1" : "0",
            e.Action,
            e.TargetKind ?? "",
            e.TargetId ?? "",
            e.Result.ToString(),
            e.Client ?? "",
            e.UserAgent ?? "",
            e.Detail ?? "",
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>
    /// Checks entries in Id order. Returns how many entries are intact before the first break, and the break:
    /// null when intact, else a description naming the first entry whose content or order was changed or which is missing.
    /// </summary>
    public static (long Intact, string? Break) FindBreak(IEnumerable<AuditEntry> entriesInIdOrder, long expectedFirstId = 1, string? expectedPreviousHash = null)
    {
        var intact = 0L;
        var previousHash = expectedPreviousHash ?? Genesis;
        var expectedId = expectedFirstId;
        foreach (var e in entriesInIdOrder)
        {
            if (e.Id != expectedId)
            {
                return (intact, e.Id > expectedId
                    ? $"entry {expectedId} is missing (the next entry is {e.Id})"
                    : $"entry {e.Id} is out of order (expected {expectedId})");
            }
            if (e.PreviousHash != previousHash)
            {
                return (intact, $"entry {e.Id} does not follow entry {e.Id - 1}: removed, reordered or changed before it");
            }
            if (HashOf(e) != e.Hash)
            {
                return (intact, $"entry {e.Id} was changed after it was written");
            }
            previousHash = e.Hash;
            expectedId++;
            intact++;
        }
        return (intact, null);
    }
}
