using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

public sealed record AuditVerification(long Checked, string? Break);

/// <summary>`mamori audit verify`: walks the whole chain in pages, so a long log does not need to fit in memory.</summary>
public sealed class AuditVerifier(MamoriDbContext db)
{
    private const int PageSize = 5000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var (expectedId, previousHash, gap) = await StartAsync(ct);
        if (gap is not null)
        {
            return new AuditVerification(0, gap);
        }
        long checkedCount = 0;
        while (true)
        {
            var from = expectedId;
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Id >= from).OrderBy(e => e.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                return new AuditVerification(checkedCount, null);
            }
            var (intact, broken) = AuditChain.FindBreak(page, expectedId, previousHash);
            if (broken is not null)
            {
                return new AuditVerification(checkedCount + intact, broken);
            }
            checkedCount += page.Count;
            expectedId = page[^1].Id + 1;
            previousHash = page[^1].Hash;
        }
    }

    /// <summary>
    /// Where the chain starts: entry 1 after the genesis hash, or, after retention pruning, the first remaining
    /// entry with the hash that the (chained, hence itself checked) "audit.prune" entry recorded for it.
    /// </summary>
    private async Task<(long FirstId, string? PreviousHash, string? Gap)> StartAsync(CancellationToken ct)
    {
        var first = await db.AuditEntries.MinAsync(e => (long?)e.Id, ct) ?? 1;
        if (first == 1)
        {
            return (1, null, null);
        }
        var target = first.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var detail = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditLog.PruneAction && e.TargetId == target)
            .OrderByDescending(e => e.Id).Select(e => e.Detail).FirstOrDefaultAsync(ct);
        var previous = detail?.Split(' ').FirstOrDefault(p => p.StartsWith("previous=", StringComparison.Ordinal))?["previous=".Length..];
        return previous is { Length: 64 }
            ? (first, previous, null)
            : (first, null, $"entries 1 to {first - 1} are missing (no retention pruning was recorded for them)");
    }
}
