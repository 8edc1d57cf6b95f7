using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Incidents;

/// <summary>`mamori incidents …` against the fixture's database: the same service as the pages.</summary>
public abstract class IncidentCliTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task List_and_binder_work_from_the_console()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync(name: "コンソール病院");
        var id = await admin.CreateIncidentAsync(facility, title: "夜間の端末停止");

        var list = await MamoriCli.RunAsync(App, null, "incidents", "list", "--facility", facility.ToString());
        Assert.Equal(0, list.ExitCode);
        Assert.Contains($"{id}\t2026-11-24 08:30\topen\tコンソール病院\t夜間の端末停止", list.Output);

        var file = Path.Combine(Path.GetTempPath(), $"binder-{Guid.NewGuid():N}.pdf");
        try
        {
            var binder = await MamoriCli.RunAsync(App, null, "incidents", "binder", "--facility", facility.ToString(), "--out", file);
            Assert.Equal(0, binder.ExitCode);
            Assert.Contains("コンソール病院", await PdfText.ExtractAsync(await File.ReadAllBytesAsync(file, Ct)));
        }
        finally
        {
            File.Delete(file);
        }

        var refused = await MamoriCli.RunAsync(App, null, "incidents", "binder", "--facility", "nope", "--out", file);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("医療機関のIDが正しくありません", refused.Error);
    }
}

public sealed class SqliteIncidentCliTests(SqliteApp app) : IncidentCliTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIncidentCliTests(PostgresApp app) : IncidentCliTests(app), IClassFixture<PostgresApp>;
