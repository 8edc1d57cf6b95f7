using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

/// <summary>
/// Entries written before the log was sealed (one chain, unkeyed SHA-256): the upgrade migration puts them in the
/// chain "legacy". On the first start after it they are checked the old way and, if intact, sealed with the key and
/// closed with a sealed "audit.upgrade" entry naming the old head hash, so from then on they verify like any chain.
/// A legacy chain that was already broken is left as it is, and verification reports it.
/// </summary>
public static class AuditLegacy
{
    public const string Chain = "legacy";
    public const string UpgradeAction = "audit.upgrade";
    private const int PageSize = 5000;

    public static async Task SealAsync(MamoriDbContext db, AuditKey key, CancellationToken ct = default)
    {
        if (!await db.AuditEntries.AnyAsync(e => e.Chain == Chain, ct))
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AuditChain.LockAsync(db, [Chain], ct);
        if (await db.AuditEntries.AnyAsync(e => e.Chain == Chain && e.Action == UpgradeAction, ct))
        {
            return;
        }
        var first = await db.AuditEntries.Where(e => e.Chain == Chain).MinAsync(e => e.Number, ct);
        var expectedOld = first == 1 ? AuditChain.Genesis : await PrunedPreviousAsync(db, first, ct);
        string? newPrevious = null;
        string? oldHead = null;
        var count = 0L;
        for (var from = first; ; )
        {
            var page = await db.AuditEntries.Where(e => e.Chain == Chain && e.Number >= from).OrderBy(e => e.Number).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var e in page)
            {
                if (e.Number != from || e.PreviousHash != expectedOld || OldHashOf(e) != e.Hash)
                {
                    // Broken before the upgrade: sealing it would vouch for the damage.
                    return;
                }
                expectedOld = e.Hash;
                oldHead = e.Hash;
                // The first entry keeps the link the (old) pruning entry recorded for it; the rest follow the new seals.
                e.PreviousHash = newPrevious ?? e.PreviousHash;
                e.Hash = AuditChain.HashOf(key, e);
                newPrevious = e.Hash;
                from++;
                count++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.QueuedAudit.Add(new AuditEntry
        {
            Chain = Chain,
            UserName = Accounts.Actor.System.Name,
            Action = UpgradeAction,
            TargetKind = "audit-chain",
            TargetId = Chain,
            Client = "cli",
            Detail = $"sealed={count} sha256-head={oldHead}",
            PreviousHash = "",
            Hash = "",
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<string?> PrunedPreviousAsync(MamoriDbContext db, long first, CancellationToken ct)
    {
        var target = first.ToString(CultureInfo.InvariantCulture);
        var detail = await db.AuditEntries.AsNoTracking().Where(e => e.Chain == Chain && e.Action == AuditLog.PruneAction && e.TargetId == target)
            .OrderByDescending(e => e.Number).Select(e => e.Detail).FirstOrDefaultAsync(ct);
        return detail?.Split(' ').FirstOrDefault(p => p.StartsWith("previous=", StringComparison.Ordinal))?["previous=".Length..];
    }

    /// <summary>The hash entries had before they were sealed: SHA-256 with the entry's number (then its id) and no chain.</summary>
    internal static string OldHashOf(AuditEntry e)
    {
        var content = string.Join('\u001f', AuditChain.Fields(e));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
