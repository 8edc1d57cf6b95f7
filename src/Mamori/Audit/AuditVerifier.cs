using System.Globalization;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

/// <summary>One chain's verification: how many entries were checked, its head, and the first break found (null: intact).</summary>
public sealed record ChainVerification(string Chain, long Checked, long Head, string? Break, AuditAnchor? Anchor);

public sealed record AuditVerification(IReadOnlyList<ChainVerification> Chains)
{
    public long Checked => Chains.Sum(c => c.Checked);

    /// <summary>Every chain's break, one a line; null when all chains are intact.</summary>
    public string? Break => Chains.Any(c => c.Break is not null) ? string.Join("\n", Chains.Where(c => c.Break is not null).Select(c => c.Break)) : null;
}

/// <summary>
/// `mamori audit verify`: walks every chain in pages (a long log need not fit in memory), checking order and seals,
/// then holds each chain's head against the last anchor written for it, which catches entries cut off the end.
/// </summary>
public sealed class AuditVerifier(MamoriDbContext db, AuditKey key, AuditAnchors anchors)
{
    private const int PageSize = 5000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var latest = anchors.Latest().ToDictionary(a => a.Chain, StringComparer.Ordinal);
        var chains = (await db.AuditEntries.Select(e => e.Chain).Distinct().ToListAsync(ct)).Union(latest.Keys)
            .OrderBy(c => c == AuditChain.Installation ? "" : c, StringComparer.Ordinal);
        var results = new List<ChainVerification>();
        foreach (var chain in chains)
        {
            var (checkedCount, head, broken) = await WalkAsync(chain, ct);
            var anchor = latest.GetValueOrDefault(chain);
            if (broken is null && anchor is not null)
            {
                broken = await CheckAnchorAsync(db, anchor, ct);
            }
            results.Add(new ChainVerification(chain, checkedCount, head, broken, anchor));
        }
        return new AuditVerification(results);
    }

    private async Task<(long Checked, long Head, string? Break)> WalkAsync(string chain, CancellationToken ct)
    {
        var (expected, previousHash, gap) = await StartAsync(chain, ct);
        if (gap is not null)
        {
            return (0, 0, gap);
        }
        long checkedCount = 0;
        var afterId = long.MinValue;
        while (true)
        {
            var from = expected;
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Chain == chain && e.Number >= from).OrderBy(e => e.Number).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                return (checkedCount, expected - 1, null);
            }
            var (intact, broken) = AuditChain.FindBreak(key, page, expected, previousHash, afterId);
            if (broken is not null)
            {
                return (checkedCount + intact, expected - 1 + intact, broken);
            }
            checkedCount += page.Count;
            expected = page[^1].Number + 1;
            previousHash = page[^1].Hash;
            afterId = page[^1].Id;
        }
    }

    /// <summary>
    /// Where a chain starts: entry 1 after the genesis hash, or, after retention pruning, the first remaining
    /// entry with the hash that the (sealed, hence itself checked) "audit.prune" entry recorded for it.
    /// </summary>
    private async Task<(long First, string? PreviousHash, string? Gap)> StartAsync(string chain, CancellationToken ct)
    {
        var first = await db.AuditEntries.Where(e => e.Chain == chain).MinAsync(e => (long?)e.Number, ct) ?? 1;
        if (first == 1)
        {
            return (1, null, null);
        }
        var target = first.ToString(CultureInfo.InvariantCulture);
        var detail = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Chain == chain && e.Action == AuditLog.PruneAction && e.TargetId == target)
            .OrderByDescending(e => e.Number).Select(e => e.Detail).FirstOrDefaultAsync(ct);
        var previous = detail?.Split(' ').FirstOrDefault(p => p.StartsWith("previous=", StringComparison.Ordinal))?["previous=".Length..];
        return previous is { Length: 64 }
            ? (first, previous, null)
            : (first, null, $"{AuditChain.Describe(chain)}: entries 1 to {first - 1} are missing (no retention pruning was recorded for them)");
    }

    /// <summary>
    /// Null when the chain still holds the anchored head (or has pruned it since, or a sealed "audit.restore" entry
    /// accepted this anchor); else what happened to it: cut short, or rewritten from that entry on.
    /// </summary>
    public static async Task<string?> CheckAnchorAsync(MamoriDbContext db, AuditAnchor anchor, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.Chain == anchor.Chain);
        var atAnchor = await entries.Where(e => e.Number == anchor.Count).Select(e => e.Hash).FirstOrDefaultAsync(ct);
        if (atAnchor == anchor.Hash)
        {
            return null;
        }
        var accepted = anchor.Describe();
        if (await entries.AnyAsync(e => e.Action == AuditLog.RestoreAction && e.Detail == accepted, ct))
        {
            return null;
        }
        var head = await entries.MaxAsync(e => (long?)e.Number, ct) ?? 0;
        var first = await entries.MinAsync(e => (long?)e.Number, ct) ?? 0;
        var when = anchor.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (atAnchor is null && head < anchor.Count)
        {
            return $"{AuditChain.Describe(anchor.Chain)}: entries {head + 1} to {anchor.Count} are missing from the end (the anchor of {when} recorded {anchor.Count} entries; after a restore from backup, run `mamori audit restored`)";
        }
        if (atAnchor is null && first > anchor.Count)
        {
            return null;
        }
        return $"{AuditChain.Describe(anchor.Chain)}: entry {anchor.Count} is not the one anchored at {when} (hash {anchor.Hash[..16]}…): the chain was rewritten or replaced";
    }
}
