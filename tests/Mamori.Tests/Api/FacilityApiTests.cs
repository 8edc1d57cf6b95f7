using System.Net;
using System.Net.Http.Json;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

public abstract class FacilityApiTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Created_facility_reads_back()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateFacilityAsync(onlineQualification: true, kind: "dental-clinic", name: "まもり歯科医院");

        var facility = await client.GetJsonAsync($"/api/v1/facilities/{id}");
        Assert.Equal(id, facility.GetProperty("id").GetGuid());
        Assert.Equal("まもり歯科医院", facility.GetProperty("name").GetString());
        Assert.Equal("dental-clinic", facility.GetProperty("kind").GetString());
        Assert.True(facility.GetProperty("onlineQualification").GetBoolean());
        var all = await client.GetJsonAsync("/api/v1/facilities");
        Assert.Contains(all.EnumerateArray(), f => f.GetProperty("id").GetGuid() == id);
    }

    [Theory]
    [InlineData("hospital")]
    [InlineData("clinic")]
    [InlineData("dental-clinic")]
    [InlineData("pharmacy")]
    public async Task Every_documented_kind_is_accepted(string kind)
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateFacilityAsync(kind: kind);
        Assert.Equal(kind, (await client.GetJsonAsync($"/api/v1/facilities/{id}")).GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("hospitals")]
    [InlineData("Hospital")]
    [InlineData("病院")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Unknown_kind_is_a_400_problem(string? kind)
    {
        var client = await App.AdminApiAsync();
        var problem = await client.PostAsJsonAsync("/api/v1/facilities", new { name = "守り病院", kind }, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("入力内容に誤りがあります。", problem.GetProperty("title").GetString());
        Assert.Contains("hospital", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("kind", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Missing_name_is_a_400_problem(string? name)
    {
        var client = await App.AdminApiAsync();
        var problem = await client.PostAsJsonAsync("/api/v1/facilities", new { name, kind = "clinic" }, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("医療機関名を入力してください。", problem.GetProperty("detail").GetString());
        Assert.Equal("name", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Too_long_name_is_a_400_problem()
    {
        var client = await App.AdminApiAsync();
        await client.PostAsJsonAsync("/api/v1/facilities", new { name = new string('院', 201), kind = "clinic" }, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"name\": \"守り病院\", \"kind\": ")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"name\": 5, \"kind\": \"clinic\"}")]
    [InlineData("{\"name\": \"守り病院\", \"kind\": \"clinic\", \"onlineQualification\": \"yes\"}")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem_never_500(string body)
    {
        var client = await App.AdminApiAsync();
        await client.PostRawJsonAsync("/api/v1/facilities", body).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_an_installation_administrator_creates_facilities()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        using var executive = await App.ApiClientAsync(await App.AddUserAsync(Role.Executive, facility));
        await executive.PostAsJsonAsync("/api/v1/facilities", new { name = "別の病院", kind = "hospital" }, Ct).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteFacilityApiTests(SqliteApp app) : FacilityApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresFacilityApiTests(PostgresApp app) : FacilityApiTests(app), IClassFixture<PostgresApp>;
