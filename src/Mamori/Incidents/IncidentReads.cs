using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Incidents;

/// <summary>The reads behind every view of an incident (page and API), for display only (not tracked).</summary>
internal static class IncidentReads
{
    public static Task<Incident?> WithStepsAsync(MamoriDbContext db, Guid id, CancellationToken ct) =>
        db.Set<Incident>().AsNoTracking().Include(i => i.Steps).AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);

    public static Task<List<IncidentEvent>> EventsAsync(MamoriDbContext db, Guid id, CancellationToken ct) =>
        db.Set<IncidentEvent>().AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.Id).ToListAsync(ct);

    public static Task<List<IncidentFiling>> FilingsAsync(MamoriDbContext db, Guid id, CancellationToken ct) =>
        db.Set<IncidentFiling>().AsNoTracking().Where(f => f.IncidentId == id).ToListAsync(ct);
}
