using System.Net;
using System.Text.Json;
using Mamori.Catalog;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

public abstract class CatalogApiTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Lists_the_shipped_catalogs()
    {
        var client = await App.AdminApiAsync();
        var catalogs = await client.GetJsonAsync("/api/v1/catalogs");
        var edition = Assert.Single(catalogs.EnumerateArray(), c => c.GetProperty("id").GetString() == "mhlw-2021-10");
        Assert.Equal("医療機関のサイバーセキュリティ対策チェックリスト", edition.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Catalog_has_the_documented_shape_and_the_forms_text()
    {
        var client = await App.AdminApiAsync();
        var catalog = await client.GetJsonAsync("/api/v1/catalogs/mhlw-2021-10");

        Assert.Equal("mhlw-2021-10", catalog.GetProperty("id").GetString());
        Assert.Equal("医療機関のサイバーセキュリティ対策チェックリスト", catalog.GetProperty("title").GetString());
        var lists = catalog.GetProperty("checklists").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.Equal(["executive", "sysadmin", "online-qualification", "staff"], lists.Keys);
        Assert.All(lists.Values, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("title").GetString())));

        var expected = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")!;
        foreach (var list in expected.Checklists)
        {
            var items = lists[list.Key].GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(list.Items.Count, items.Count);
            Assert.All(items.Zip(list.Items), pair =>
            {
                var (json, item) = pair;
                Assert.Equal(item.Number, json.GetProperty("number").GetInt32());
                Assert.Equal(item.Text, json.GetProperty("text").GetString());
                Assert.Equal(item.Perspective?.ToKey(), json.GetProperty("perspective").GetString());
            });
        }
        string?[] perspectives = ["prevent", "detect", "correct"];
        Assert.Equal(
            [("prevent", 84), ("detect", 7), ("correct", 1)],
            lists["sysadmin"].GetProperty("items").EnumerateArray().GroupBy(i => i.GetProperty("perspective").GetString())
                .OrderBy(g => Array.IndexOf(perspectives, g.Key)).Select(g => (g.Key, g.Count())));
        Assert.All(lists["staff"].GetProperty("items").EnumerateArray(),
            i => Assert.Equal(JsonValueKind.Null, i.GetProperty("perspective").ValueKind));
        Assert.StartsWith("医療情報システムの安全管理に関する方針について", lists["executive"].GetProperty("items")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_catalog_is_a_404_problem()
    {
        var client = await App.AdminApiAsync();
        await client.GetAsync("/api/v1/catalogs/mhlw-1999-01", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteCatalogApiTests(SqliteApp app) : CatalogApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCatalogApiTests(PostgresApp app) : CatalogApiTests(app), IClassFixture<PostgresApp>;
