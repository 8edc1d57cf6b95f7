using System.Net;
using System.Text.Json;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

/// <summary>
/// The OpenAPI document declares, per operation, the statuses the endpoint can really answer with: the success,
/// and each refusal the services behind it can make (read from the services, not guessed).
/// </summary>
public abstract class OpenApiTests(MamoriApp app) : IntegrationTest(app)
{
    /// <summary>Every operation of the document with its statuses; a new operation fails the test until it is listed here.</summary>
    private static readonly Dictionary<string, string> Declared = new()
    {
        ["GET /api/v1/catalogs"] = "200 401",
        ["GET /api/v1/catalogs/{id}"] = "200 401 404",
        ["POST /api/v1/catalogs"] = "201 400 401 403 409 413",
        ["POST /api/v1/catalogs/{id}/revisions"] = "201 400 401 403 404 409 413",
        ["GET /api/v1/facilities"] = "200 401",
        ["POST /api/v1/facilities"] = "201 400 401 403",
        ["GET /api/v1/facilities/{id}"] = "200 401 404",
        ["GET /api/v1/facilities/{id}/assessments"] = "200 400 401 404",
        ["POST /api/v1/assessments"] = "201 400 401 403",
        ["GET /api/v1/assessments/{id}"] = "200 401 404",
        ["GET /api/v1/assessments/{id}/result"] = "200 401 404",
        ["PUT /api/v1/assessments/{id}/answers/{number}"] = "204 400 401 403 404 409",
        ["POST /api/v1/assessments/{id}/complete"] = "204 401 403 404 409",
        ["POST /api/v1/assessments/{id}/reopen"] = "204 400 401 403 404 409",
        ["GET /api/v1/assessments/{id}/export.xlsx"] = "200 401 404",
        ["GET /api/v1/assessments/{id}/export.csv"] = "200 401 404",
        ["POST /api/v1/campaigns"] = "201 400 401 403",
        ["GET /api/v1/campaigns/{id}"] = "200 401 404",
        ["GET /api/v1/campaigns/{id}/result"] = "200 401 404",
        ["POST /api/v1/incidents"] = "201 400 401",
        ["GET /api/v1/incidents"] = "200 400 401",
        ["GET /api/v1/incidents/{id}"] = "200 401 404",
        ["POST /api/v1/incidents/{id}/decision"] = "204 400 401 403 404 409",
        ["PUT /api/v1/incidents/{id}/steps/{stepId}"] = "204 400 401 403 404 409",
        ["POST /api/v1/incidents/{id}/filings"] = "204 400 401 403 404 409",
        ["GET /api/v1/incidents/{id}/reports/{kind}.docx"] = "200 400 401 403 404 409",
        ["GET /api/v1/incidents/{id}/reports/{kind}.pdf"] = "200 400 401 403 404 409",
        ["GET /api/v1/facilities/{id}/vendors"] = "200 401 404",
        ["POST /api/v1/facilities/{id}/vendors"] = "201 400 401 403 404",
        ["GET /api/v1/vendors/{id}"] = "200 401 404",
        ["PUT /api/v1/vendors/{id}"] = "204 400 401 403 404 409",
        ["DELETE /api/v1/vendors/{id}"] = "204 400 401 403 404 409",
        ["POST /r/{code}"] = "201 400 404 409 410 413 429",
    };

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    private static Dictionary<string, JsonElement> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "put" or "post" or "delete" or "patch")
                .Select(op => (Key: $"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)))
            .ToDictionary(x => x.Key, x => x.Value);

    private static string Statuses(JsonElement operation) =>
        string.Join(' ', operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));

    [Fact]
    public async Task Every_operation_declares_the_statuses_it_can_answer_with()
    {
        using var document = await DocumentAsync();
        var actual = Operations(document).ToDictionary(o => o.Key, o => Statuses(o.Value));

        var wrong = Declared.Where(d => actual.GetValueOrDefault(d.Key) != d.Value)
            .Select(d => $"{d.Key}: declares {actual.GetValueOrDefault(d.Key) ?? "(missing)"}, expected {d.Value}").ToList();
        wrong.AddRange(actual.Keys.Except(Declared.Keys).Select(k => $"{k}: not listed in OpenApiTests.Declared (declares {actual[k]})"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Refusals_are_problem_details_and_the_successes_carry_their_schema()
    {
        using var document = await DocumentAsync();
        var operations = Operations(document);

        foreach (var (key, operation) in operations)
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4'))
            {
                Assert.True(response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _),
                    $"{key} {response.Name} is not declared as application/problem+json");
            }
        }
        Assert.True(operations["GET /api/v1/assessments/{id}"].GetProperty("responses").GetProperty("200")
            .GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(operations["POST /r/{code}"].GetProperty("responses").GetProperty("201")
            .GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(operations["POST /r/{code}"].GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(operations["GET /api/v1/assessments/{id}/export.csv"].GetProperty("responses").GetProperty("200")
            .GetProperty("content").TryGetProperty("text/csv", out _));
    }
}

public sealed class SqliteOpenApiTests(SqliteApp app) : OpenApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresOpenApiTests(PostgresApp app) : OpenApiTests(app), IClassFixture<PostgresApp>;
