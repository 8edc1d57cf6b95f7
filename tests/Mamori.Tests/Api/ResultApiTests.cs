using System.Text.Json;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

/// <summary>GET /api/v1/assessments/{id}/result against the チェックの結果 table worked out by hand.</summary>
public abstract class ResultApiTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Sysadmin_result_matches_the_hand_computed_table()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("sysadmin");
        // Items 1–84 are 予防, 85–91 発見, 92 是正.
        await client.PutAnswersAsync(id, Enumerable.Range(1, 42), "yes");
        await client.PutAnswersAsync(id, Enumerable.Range(43, 10), "no");
        await client.PutAnswersAsync(id, [85], "yes");
        await client.PutAnswersAsync(id, [86, 92], "no");

        var result = await client.GetJsonAsync($"/api/v1/assessments/{id}/result");

        AssertLine(result, "prevent", 42, 84, 50.0m); // 50 %
        AssertLine(result, "detect", 1, 7, 14.3m); // 14.2857…
        AssertLine(result, "correct", 0, 1, 0.0m);
        AssertLine(result.GetProperty("total"), 43, 92, 46.7m); // 46.739…
    }

    [Fact]
    public async Task Executive_detect_has_no_items_so_its_ratio_is_null()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("executive");
        // Executive: 1–15 予防, 16–18 是正.
        await client.PutAnswersAsync(id, Enumerable.Range(1, 13), "yes");
        await client.PutAnswersAsync(id, [16], "yes");

        var result = await client.GetJsonAsync($"/api/v1/assessments/{id}/result");

        Assert.Equal(["prevent", "detect", "correct"], result.GetProperty("perspectives").EnumerateArray().Select(p => p.GetProperty("perspective").GetString()));
        AssertLine(result, "prevent", 13, 15, 86.7m);
        AssertLine(result, "detect", 0, 0, null);
        AssertLine(result, "correct", 1, 3, 33.3m);
        AssertLine(result.GetProperty("total"), 14, 18, 77.8m);
    }

    [Fact]
    public async Task Staff_result_is_the_single_total_line()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("staff");
        await client.PutAnswersAsync(id, [1, 2, 3, 5, 8, 9, 10], "yes");
        await client.PutAnswersAsync(id, [4], "no");

        var result = await client.GetJsonAsync($"/api/v1/assessments/{id}/result");

        Assert.Equal(0, result.GetProperty("perspectives").GetArrayLength());
        AssertLine(result.GetProperty("total"), 7, 10, 70.0m);
    }

    private static void AssertLine(JsonElement result, string perspective, int @checked, int total, decimal? ratio) =>
        AssertLine(result.GetProperty("perspectives").EnumerateArray().Single(p => p.GetProperty("perspective").GetString() == perspective), @checked, total, ratio);

    private static void AssertLine(JsonElement line, int @checked, int total, decimal? ratio)
    {
        Assert.Equal(@checked, line.GetProperty("checked").GetInt32());
        Assert.Equal(total, line.GetProperty("total").GetInt32());
        if (ratio is null)
        {
            Assert.Equal(JsonValueKind.Null, line.GetProperty("ratio").ValueKind);
        }
        else
        {
            Assert.Equal(ratio, line.GetProperty("ratio").GetDecimal());
        }
    }
}

public sealed class SqliteResultApiTests(SqliteApp app) : ResultApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresResultApiTests(PostgresApp app) : ResultApiTests(app), IClassFixture<PostgresApp>;
