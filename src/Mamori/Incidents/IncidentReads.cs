using Mamori.Data;
using Mamori.Facilities;
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

    private static readonly PerModel<Func<MamoriDbContext, Guid, CancellationToken, Task<Facility>>> FacilityQuery = new(() =>
        EF.CompileAsyncQuery((MamoriDbContext db, Guid id, CancellationToken ct) =>
            db.Facilities.AsNoTracking().First(f => f.Id == id)));

    private static readonly PerModel<Func<MamoriDbContext, Guid, IAsyncEnumerable<IncidentEvent>>> EventsQuery = new(() =>
        EF.CompileAsyncQuery<MamoriDbContext, Guid, IncidentEvent>((db, id) =>
            db.Set<IncidentEvent>().AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.Id)));

    private static readonly PerModel<Func<MamoriDbContext, Guid, IAsyncEnumerable<IncidentFiling>>> FilingsQuery = new(() =>
        EF.CompileAsyncQuery<MamoriDbContext, Guid, IncidentFiling>((db, id) =>
            db.Set<IncidentFiling>().AsNoTracking().Where(f => f.IncidentId == id)));

    /// <summary>An incident with its steps, for display only (not tracked).</summary>
    public static Task<Incident?> WithStepsAsync(MamoriDbContext db, Guid id, CancellationToken ct) => WithStepsQuery.For(db)(db, id, ct);

    public static Task<Facility> FacilityAsync(MamoriDbContext db, Guid id, CancellationToken ct) => FacilityQuery.For(db)(db, id, ct);

    public static Task<List<IncidentEvent>> EventsAsync(MamoriDbContext db, Guid id, CancellationToken ct) => ToListAsync(EventsQuery.For(db)(db, id), ct);

    public static Task<List<IncidentFiling>> FilingsAsync(MamoriDbContext db, Guid id, CancellationToken ct) => ToListAsync(FilingsQuery.For(db)(db, id), ct);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }
        return list;
    }
}
