using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Facilities;

/// <summary>
/// The facility behind every access check of a round or an incident, read through one compiled query (see
/// Assessments/AssessmentReads.cs for why the hot reads are compiled).
/// </summary>
internal static class FacilityReads
{
    private static readonly PerModel<Func<MamoriDbContext, Guid, CancellationToken, Task<Facility>>> ByIdQuery = new(() =>
        EF.CompileAsyncQuery((MamoriDbContext db, Guid id, CancellationToken ct) =>
            db.Facilities.AsNoTracking().First(f => f.Id == id)));

    /// <summary>A facility that must exist (the record pointing at it has a foreign key), for display only.</summary>
    public static Task<Facility> ByIdAsync(MamoriDbContext db, Guid id, CancellationToken ct) => ByIdQuery.For(db)(db, id, ct);
}
