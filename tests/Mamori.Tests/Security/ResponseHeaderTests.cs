using System.Net;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Security;

/// <summary>What a browser or proxy may keep: nothing with data in it (API answers, exports, downloads, pages), only styles and scripts.</summary>
public abstract class ResponseHeaderTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Api_answers_exports_and_downloads_are_no_store_and_static_files_revalidate()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var round = await admin.CreateAssessmentAsync(facility, "sysadmin");
        var incident = await admin.CreateIncidentAsync(facility);
        string[] sensitive =
        [
            $"/api/v1/assessments/{round}",
            $"/api/v1/assessments/{round}/export.csv",
            $"/api/v1/assessments/{round}/export.xlsx",
            $"/api/v1/incidents/{incident}/reports/executive.pdf",
            $"/api/v1/incidents/{incident}/reports/executive.docx",
            "/api/v1/assessments/00000000-0000-0000-0000-000000000000",
        ];
        foreach (var url in sensitive)
        {
            using var response = await admin.GetAsync(url, Ct);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url} ({(int)response.StatusCode}): Cache-Control {response.Headers.CacheControl}");
            Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));
        }

        using var anonymous = App.CreateClient();
        using (var login = await anonymous.GetAsync("/login", Ct))
        {
            Assert.True(login.Headers.CacheControl?.NoStore == true);
        }
        using var css = await anonymous.GetAsync("/css/site.css", Ct);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.True(css.Headers.CacheControl is { NoCache: true, NoStore: false }, $"site.css: {css.Headers.CacheControl}");
    }
}

public sealed class SqliteResponseHeaderTests(SqliteApp app) : ResponseHeaderTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresResponseHeaderTests(PostgresApp app) : ResponseHeaderTests(app), IClassFixture<PostgresApp>;
