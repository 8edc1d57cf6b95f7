using System.Net;
using System.Text.Json;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

/// <summary>What answers without a token: the health check for monitors and the OpenAPI document for integrators.</summary>
public abstract class PublicEndpointTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Healthz_answers_200_without_a_token()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api_paths()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string>
        {
            "/api/v1/catalogs",
            "/api/v1/catalogs/{id}",
            "/api/v1/facilities",
            "/api/v1/facilities/{id}",
            "/api/v1/assessments",
            "/api/v1/assessments/{id}",
            "/api/v1/assessments/{id}/result",
            "/api/v1/assessments/{id}/answers/{number}",
            "/api/v1/assessments/{id}/complete",
            "/api/v1/assessments/{id}/reopen",
            "/api/v1/assessments/{id}/export.xlsx",
            "/api/v1/assessments/{id}/export.csv",
        }, paths.ToHashSet());
        var answers = document.RootElement.GetProperty("paths").GetProperty("/api/v1/assessments/{id}/answers/{number}");
        Assert.True(answers.TryGetProperty("put", out _));
    }
}

public sealed class SqlitePublicEndpointTests(SqliteApp app) : PublicEndpointTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPublicEndpointTests(PostgresApp app) : PublicEndpointTests(app), IClassFixture<PostgresApp>;
