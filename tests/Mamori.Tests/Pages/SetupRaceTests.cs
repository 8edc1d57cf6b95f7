using Mamori.Accounts;
using Mamori.Common;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Pages;

/// <summary>Two people posting the same console code at the same moment: exactly one becomes administrator.</summary>
/// <remarks>Needs a database without users, so it has its own fixture.</remarks>
public abstract class SetupRaceTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_same_code_posted_twice_at_once_creates_one_administrator()
    {
        string code;
        using (var scope = App.Services.CreateScope())
        {
            code = await scope.ServiceProvider.GetRequiredService<AccountService>().IssueSetupCodeAsync(Ct) ?? throw new InvalidOperationException("no code");
        }

        async Task<bool> SetUpAsync(int n)
        {
            using var scope = App.Services.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<AccountService>()
                    .CompleteSetupAsync(code, $"race{n}@example.jp", $"管理者{n}", MamoriApp.Password, Ct);
                return true;
            }
            catch (InvalidInputException)
            {
                return false;
            }
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() => SetUpAsync(n), Ct)));

        Assert.Equal(1, results.Count(ok => ok));
        using var check = App.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<Mamori.Data.MamoriDbContext>();
        Assert.Equal(1, db.Users.Count(u => u.Email!.StartsWith("race")));
    }
}

public sealed class SqliteSetupRaceTests(SqliteApp app) : SetupRaceTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSetupRaceTests(PostgresApp app) : SetupRaceTests(app), IClassFixture<PostgresApp>;
