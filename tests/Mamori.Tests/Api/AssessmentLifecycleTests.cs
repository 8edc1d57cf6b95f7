using System.Net;
using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Api;

/// <summary>Completing (locking) a round, reopening it with a reason, and the change history that keeps who and when.</summary>
public abstract class AssessmentLifecycleTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_completed_round_refuses_answers_until_reopened_with_a_reason()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        await client.PutAnswersAsync(id, [1], "yes");

        await client.CompleteAsync(id).ExpectAsync(HttpStatusCode.NoContent);
        var round = await client.GetAssessmentAsync(id);
        Assert.Equal("completed", round.GetProperty("status").GetString());
        Assert.NotNull(round.GetProperty("completedAt").GetString());

        await client.PutAnswerAsync(id, 2, "yes").ExpectProblemAsync(HttpStatusCode.Conflict);
        await client.CompleteAsync(id).ExpectProblemAsync(HttpStatusCode.Conflict);
        foreach (var body in new object[] { new { }, new { reason = "" }, new { reason = "   " } })
        {
            var problem = await client.ReopenAsync(id, body).ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("reason", problem.GetProperty("field").GetString());
        }
        Assert.Equal("completed", (await client.GetAssessmentAsync(id)).GetProperty("status").GetString());

        await client.ReopenAsync(id, new { reason = "項目2の回答漏れを修正するため" }).ExpectAsync(HttpStatusCode.NoContent);
        await client.PutAnswersAsync(id, [2], "yes");
        round = await client.GetAssessmentAsync(id);
        Assert.Equal("in-progress", round.GetProperty("status").GetString());
        Assert.Equal("yes", round.Answer(2).GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Reopening_a_round_in_progress_is_a_conflict()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("staff");
        await client.ReopenAsync(id, new { reason = "念のため" }).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Every_change_is_kept_with_who_and_when()
    {
        var user = await App.AddUserAsync(Role.Admin, name: "履歴 確認者");
        using var client = await App.ApiClientAsync(user);
        // Stored times may be cut to microseconds (PostgreSQL), so allow a millisecond either side.
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        var id = await client.CreateRoundAsync("executive");
        await client.PutAnswersAsync(id, [3], "yes");
        await client.PutAnswersAsync(id, [3], "no");
        await client.PutAnswerAsync(id, 4, null, memo: "担当者に確認中").ExpectAsync(HttpStatusCode.NoContent);
        await client.CompleteAsync(id).ExpectAsync(HttpStatusCode.NoContent);
        await client.ReopenAsync(id, new { reason = "追記のため" }).ExpectAsync(HttpStatusCode.NoContent);
        var after = DateTimeOffset.UtcNow.AddMilliseconds(1);

        using var scope = App.Services.CreateScope();
        var history = await scope.ServiceProvider.GetRequiredService<AssessmentService>().HistoryAsync(Actor.System, id, Ct);
        var changes = history.OrderBy(c => c.Id).ToList();

        Assert.Equal(
            [ChangeKind.Created, ChangeKind.Answer, ChangeKind.Answer, ChangeKind.Memo, ChangeKind.Completed, ChangeKind.Reopened],
            changes.Select(c => c.Kind));
        Assert.Equal((3, null, "yes"), (changes[1].ItemNumber!.Value, changes[1].OldValue, changes[1].NewValue));
        Assert.Equal((3, "yes", "no"), (changes[2].ItemNumber!.Value, changes[2].OldValue, changes[2].NewValue));
        Assert.Equal((4, null, "担当者に確認中"), (changes[3].ItemNumber!.Value, changes[3].OldValue, changes[3].NewValue));
        Assert.Equal("追記のため", changes[5].Reason);
        Assert.All(changes, c =>
        {
            Assert.Equal(user.Id, c.UserId);
            Assert.Equal("履歴 確認者", c.UserName);
            Assert.InRange(c.At, before, after);
        });
    }
}

public sealed class SqliteAssessmentLifecycleTests(SqliteApp app) : AssessmentLifecycleTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAssessmentLifecycleTests(PostgresApp app) : AssessmentLifecycleTests(app), IClassFixture<PostgresApp>;
