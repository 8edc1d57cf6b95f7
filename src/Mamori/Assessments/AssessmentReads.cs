using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Assessments;

/// <summary>The reads behind every view, API read and export of a round, for display only (not tracked).</summary>
internal static class AssessmentReads
{
    public static Task<Assessment?> HeaderAsync(MamoriDbContext db, Guid id, CancellationToken ct) =>
        db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>
    /// The round inside a writing transaction, held until it ends: on PostgreSQL with a shared row lock, which a
    /// completion (an update of the row) waits for; on SQLite the transaction already holds the only write lock.
    /// </summary>
    public static Task<Assessment?> HeaderForWriteAsync(MamoriDbContext db, Guid id, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? db.Assessments.FromSql($"""SELECT * FROM "Assessments" WHERE "Id" = {id} FOR SHARE""").AsNoTracking().FirstOrDefaultAsync(ct)
            : HeaderAsync(db, id, ct);

    /// <summary>
    /// A round with its answers, in two plain queries rather than an Include: EF Core 10 compiles parts of a
    /// collection Include's shaper at every execution (dynamic methods the finalizer thread then frees), which made
    /// this read most of a checklist page's CPU (docs/benchmarks.md, floor ratio).
    /// </summary>
    public static async Task<Assessment?> WithAnswersAsync(MamoriDbContext db, Guid id, CancellationToken ct)
    {
        var assessment = await HeaderAsync(db, id, ct);
        if (assessment is not null)
        {
            assessment.Answers = await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == id).OrderBy(a => a.ItemNumber).ToListAsync(ct);
            if (assessment.CatalogRevision > 0)
            {
                // Only imported editions are yearly ones; the 2021 rounds skip the query.
                assessment.YearlyAnswers = await db.YearlyAnswers.AsNoTracking().Where(a => a.AssessmentId == id)
                    .OrderBy(a => a.ItemNumber).ThenBy(a => a.Round).ToListAsync(ct);
            }
        }
        return assessment;
    }
}
