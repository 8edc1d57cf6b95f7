using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Facilities;

/// <summary>The facility behind every access check of a round or an incident.</summary>
internal static class FacilityReads
{
    /// <summary>A facility that must exist (the record pointing at it has a foreign key), for display only.</summary>
    public static Task<Facility> ByIdAsync(MamoriDbContext db, Guid id, CancellationToken ct) =>
        db.Facilities.AsNoTracking().FirstAsync(f => f.Id == id, ct);
}
