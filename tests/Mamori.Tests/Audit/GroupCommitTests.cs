using System.Net;
using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Audit;

/// <summary>Answers saved at the same moment share one commit; one refused answer must not take the others with it.</summary>
public abstract class GroupCommitTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_stale_answer_in_a_batch_is_refused_alone_and_the_rest_of_the_batch_is_kept_and_logged()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("staff");
        await client.PutAnswerAsync(id, 1, "yes", ifMatch: 0).ExpectAsync(HttpStatusCode.NoContent);
        var commits = App.Services.GetRequiredService<GroupCommit>();

        // Another writer holds the append lock; the group commit's writer blocks on it with a first, empty part,
        // so the ten saves below all queue up and are committed as one batch when the lock is let go.
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holder = AuditLog.InAppendLockAsync(db, async () => { holding.SetResult(); await release.Task; }, null, Ct);
        await holding.Task;
        var plug = commits.ChangeAsync(_ => Task.FromResult<AuditEntry[]>([]), Ct);
        await WaitUntilAsync(() => commits.Waiting == 0);

        var saves = Enumerable.Range(2, 9).Select(n => client.PutAnswerAsync(id, n, "no", ifMatch: 0)).ToList();
        var stale = client.PutAnswerAsync(id, 1, "no", ifMatch: 0); // item 1 is at revision 1 already
        await WaitUntilAsync(() => commits.Waiting == 10);
        release.SetResult();
        await holder;
        await plug;

        foreach (var save in saves)
        {
            await save.ExpectAsync(HttpStatusCode.NoContent);
        }
        using (var refused = await stale)
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        var round = await client.GetAssessmentAsync(id);
        Assert.Equal("yes", round.Answer(1).GetProperty("answer").GetString());
        Assert.All(Enumerable.Range(2, 9), n =>
        {
            Assert.Equal("no", round.Answer(n).GetProperty("answer").GetString());
            Assert.Equal(1, round.Answer(n).GetProperty("revision").GetInt32());
        });
        var history = await scope.ServiceProvider.GetRequiredService<AssessmentService>().HistoryAsync(Actor.System, id, Ct);
        Assert.All(Enumerable.Range(1, 10), n => Assert.Single(history, c => c.Kind == ChangeKind.Answer && c.ItemNumber == n));
        db.ChangeTracker.Clear();
        var logged = await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == id.ToString() && e.Action == "assessment.answer").ToListAsync(Ct);
        Assert.Equal(10, logged.Count);
        Assert.Null((await new AuditVerifier(db).VerifyAsync(Ct)).Break);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the group commit's queue never reached the expected length");
            await Task.Delay(10, Ct);
        }
    }
}

public sealed class SqliteGroupCommitTests(SqliteApp app) : GroupCommitTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresGroupCommitTests(PostgresApp app) : GroupCommitTests(app), IClassFixture<PostgresApp>;
