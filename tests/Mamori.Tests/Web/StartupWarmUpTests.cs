using Mamori.Data;
using Mamori.Tests.Fixtures;
using Mamori.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Web;

/// <summary>The reads run at start to compile the first page's queries leave no trace and need no data to match.</summary>
public abstract class StartupWarmUpTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_warm_up_reads_complete_and_write_nothing_not_even_to_the_access_log()
    {
        var client = await App.AdminApiAsync();
        await client.CreateRoundAsync("sysadmin");
        var before = await CountsAsync();

        await StartupWarmUp.ReadsAsync(App.Services, Ct);

        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(int Entries, int Rounds, int Users)> CountsAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        return (await db.AuditEntries.CountAsync(Ct), await db.Assessments.CountAsync(Ct), await db.Users.CountAsync(Ct));
    }
}

public sealed class SqliteStartupWarmUpTests(SqliteApp app) : StartupWarmUpTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresStartupWarmUpTests(PostgresApp app) : StartupWarmUpTests(app), IClassFixture<PostgresApp>;
