using System.Net;
using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Api;

/// <summary>Answers saved at the same moment: a conflicting save is refused, never silently lost or overwritten.</summary>
public abstract class ConcurrencyTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Two_conflicting_saves_with_the_same_revision_give_one_204_and_one_409()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("sysadmin");
        var items = Enumerable.Range(1, 8).ToList();

        foreach (var number in items)
        {
            var revision = (await client.GetAssessmentAsync(id)).Answer(number).GetProperty("revision").GetInt32();
            string[] answers = ["yes", "no"];
            var responses = await Task.WhenAll(answers.Select(a => client.PutAnswerAsync(id, number, a, ifMatch: revision)));
            try
            {
                var statuses = responses.Select(r => r.StatusCode).ToList();
                Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], statuses.Order());
                await responses[statuses.IndexOf(HttpStatusCode.Conflict)].AssertProblemAsync(HttpStatusCode.Conflict);
                var winner = answers[statuses.IndexOf(HttpStatusCode.NoContent)];

                var saved = (await client.GetAssessmentAsync(id)).Answer(number);
                Assert.Equal(winner, saved.GetProperty("answer").GetString());
                Assert.Equal(revision + 1, saved.GetProperty("revision").GetInt32());
            }
            finally
            {
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }
        }

        // The history holds exactly one change per item: the refused save left no trace.
        using var scope = App.Services.CreateScope();
        var history = await scope.ServiceProvider.GetRequiredService<AssessmentService>().HistoryAsync(Actor.System, id, Ct);
        var round = await client.GetAssessmentAsync(id);
        Assert.All(items, n =>
        {
            var change = Assert.Single(history, c => c.Kind == ChangeKind.Answer && c.ItemNumber == n);
            Assert.Equal(round.Answer(n).GetProperty("answer").GetString(), change.NewValue);
        });
        // And the access log one entry per item: a refused save's entry is dropped with its change.
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        var logged = await db.AuditEntries.Where(e => e.TargetId == id.ToString() && e.Action == "assessment.answer").CountAsync(Ct);
        Assert.Equal(items.Count, logged);
    }

    [Fact]
    public async Task Many_saves_of_different_items_at_once_all_land()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("sysadmin");
        var numbers = Enumerable.Range(1, 92).ToList();

        var responses = await Task.WhenAll(numbers.Select(n => client.PutAnswerAsync(id, n, n % 3 == 0 ? "no" : "yes", ifMatch: 0)));
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            }
        }

        var round = await client.GetAssessmentAsync(id);
        Assert.All(numbers, n => Assert.Equal(n % 3 == 0 ? "no" : "yes", round.Answer(n).GetProperty("answer").GetString()));
        var result = await client.GetJsonAsync($"/api/v1/assessments/{id}/result");
        Assert.Equal(62, result.GetProperty("total").GetProperty("checked").GetInt32()); // 92 − 30 multiples of 3
    }
}

public sealed class SqliteConcurrencyTests(SqliteApp app) : ConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresConcurrencyTests(PostgresApp app) : ConcurrencyTests(app), IClassFixture<PostgresApp>;
