using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Assessments;

/// <summary>
/// The reads behind every view, API read and export of a round, compiled once: EF Core otherwise rebuilds and
/// looks up the query's cache key on every call, which cost more than SQLite's own work here. The answers are
/// read without the columns a display does not need (the round's id, repeated on every row, and who changed it),
/// since each column of each of 92 rows is a separate call into SQLite (docs/benchmarks.md).
/// </summary>
internal static class AssessmentReads
{
    private static readonly PerModel<Func<MamoriDbContext, Guid, CancellationToken, Task<Assessment?>>> HeaderQuery = new(() =>
        EF.CompileAsyncQuery((MamoriDbContext db, Guid id, CancellationToken ct) =>
            db.Assessments.AsNoTracking().FirstOrDefault(a => a.Id == id)));

    private static readonly PerModel<Func<MamoriDbContext, Guid, IAsyncEnumerable<AssessmentAnswer>>> AnswersQuery = new(() =>
        EF.CompileAsyncQuery((MamoriDbContext db, Guid id) =>
            db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == id).Select(a => new AssessmentAnswer
            {
                ItemNumber = a.ItemNumber,
                Value = a.Value,
                Memo = a.Memo,
                UpdatedAt = a.UpdatedAt,
                Revision = a.Revision,
            })));

    // Tracked: the answer saver (GroupCommit's writer) changes what it reads.
    private static readonly PerModel<Func<MamoriDbContext, Guid, int, CancellationToken, Task<AssessmentAnswer?>>> AnswerQuery = new(() =>
        EF.CompileAsyncQuery((MamoriDbContext db, Guid id, int number, CancellationToken ct) =>
            db.AssessmentAnswers.FirstOrDefault(a => a.AssessmentId == id && a.ItemNumber == number)));

    public static Task<AssessmentAnswer?> AnswerForWriteAsync(MamoriDbContext db, Guid id, int number, CancellationToken ct) => AnswerQuery.For(db)(db, id, number, ct);

    public static Task<Assessment?> HeaderAsync(MamoriDbContext db, Guid id, CancellationToken ct) => HeaderQuery.For(db)(db, id, ct);

    /// <summary>
    /// Runs the reads of a round's view once, so their compiled queries are ready before the first page asks: the
    /// round and its answers with an id that matches nothing, and one facility. Compiling the answers' query was
    /// ~0.2 s of the first checklist page after a start (docs/benchmarks.md). Reads only.
    /// </summary>
    public static async Task PrepareAsync(MamoriDbContext db, CancellationToken ct)
    {
        var nobody = Guid.NewGuid();
        await HeaderAsync(db, nobody, ct);
        await foreach (var _ in AnswersQuery.For(db)(db, nobody).WithCancellation(ct))
        {
        }
        if (await db.Facilities.OrderBy(f => f.Id).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct) is { } facility)
        {
            await Facilities.FacilityReads.ByIdAsync(db, facility, ct);
        }
    }

    /// <summary>A round with its answers, for display only (not tracked).</summary>
    public static async Task<Assessment?> WithAnswersAsync(MamoriDbContext db, Guid id, CancellationToken ct)
    {
        var assessment = await HeaderAsync(db, id, ct);
        if (assessment is null)
        {
            return null;
        }
        await foreach (var answer in AnswersQuery.For(db)(db, id).WithCancellation(ct))
        {
            answer.AssessmentId = id;
            assessment.Answers.Add(answer);
        }
        return assessment;
    }
}
