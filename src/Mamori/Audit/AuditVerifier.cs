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
        long expectedId = 1;
        string? previousHash = null;
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
}
