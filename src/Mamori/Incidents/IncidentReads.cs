using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Incidents;

/// <summary>
/// The reads behind every view of an incident (page and API), compiled once: EF Core otherwise rebuilds each query's
/// expression and looks up its cache key on every call (as for a round's reads, Assessments/AssessmentReads.cs).
/// </summary>
internal static class IncidentReads
{
    private static readonly PerModel<Func<MamoriDbContext, Guid, CancellationToken, Task<Incident?>>> WithStepsQuery = new(() =>
        EF.CompileAsyncQuery((MamoriDbContext db, Guid id, CancellationToken ct) =>
            db.Set<Incident>().AsNoTracking().Include(i => i.Steps).AsSplitQuery().FirstOrDefault(i => i.Id == id)));

    private static readonly PerModel<Func<MamoriDbContext, Guid, IAsyncEnumerable<IncidentEvent>>> EventsQuery = new(() =>
        EF.CompileAsyncQuery<MamoriDbContext, Guid, IncidentEvent>((db, id) =>
            db.Set<IncidentEvent>().AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.Id)));

    private static readonly PerModel<Func<MamoriDbContext, Guid, IAsyncEnumerable<IncidentFiling>>> FilingsQuery = new(() =>
        EF.CompileAsyncQuery<MamoriDbContext, Guid, IncidentFiling>((db, id) =>
            db.Set<IncidentFiling>().AsNoTracking().Where(f => f.IncidentId == id)));

    /// <summary>An incident with its steps, for display only (not tracked).</summary>
    public static Task<Incident?> WithStepsAsync(MamoriDbContext db, Guid id, CancellationToken ct) => WithStepsQuery.For(db)(db, id, ct);

    public static Task<List<IncidentEvent>> EventsAsync(MamoriDbContext db, Guid id, CancellationToken ct) => EventsQuery.For(db)(db, id).ToListAsync(ct).AsTask();

    public static Task<List<IncidentFiling>> FilingsAsync(MamoriDbContext db, Guid id, CancellationToken ct) => FilingsQuery.For(db)(db, id).ToListAsync(ct).AsTask();
}
