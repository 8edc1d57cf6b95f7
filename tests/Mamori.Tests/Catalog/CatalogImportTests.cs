using System.Net;
using System.Text.Json.Nodes;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;

namespace Mamori.Tests.Catalog;

/// <summary>Loading a yearly edition through POST /api/v1/catalogs, and correcting it as a new revision.</summary>
public abstract class CatalogImportTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task An_imported_edition_is_listed_and_read_back_with_its_sections_forms_and_gate()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.ImportAsync(TestEditions.Yearly(TestEditions.NewId()));

        var list = await admin.GetJsonAsync("/api/v1/catalogs");
        var summary = Assert.Single(list.EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.Equal("yes-no", summary.GetProperty("answerScheme").GetString());
        Assert.StartsWith(TestEditions.TitleMark, summary.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.True(list.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "mhlw-2021-10").GetProperty("superseded").GetBoolean());

        var catalog = await admin.GetJsonAsync($"/api/v1/catalogs/{id}");
        Assert.Equal(1, catalog.GetProperty("revision").GetInt32());
        var vendor = catalog.GetProperty("checklists").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "vendor");
        Assert.True(vendor.GetProperty("perVendor").GetBoolean());
        Assert.Equal(3, vendor.GetProperty("sections").GetArrayLength());
        var first = vendor.GetProperty("items")[0];
        Assert.True(first.GetProperty("gateway").GetBoolean());
        Assert.Equal("server", vendor.GetProperty("items")[3].GetProperty("category").GetString());
    }

    [Fact]
    public async Task The_same_id_twice_is_a_409_and_the_shipped_edition_cannot_be_overwritten()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.ImportAsync(TestEditions.Yearly(TestEditions.NewId()));
        await admin.PostRawJsonAsync("/api/v1/catalogs", TestEditions.Json(TestEditions.Yearly(id))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await admin.PostRawJsonAsync("/api/v1/catalogs", TestEditions.Json(TestEditions.Yearly("mhlw-2021-10"))).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    public static TheoryData<string, string> BadDocuments => new()
    {
        { "missing-title", "title" },
        { "duplicate-number", "checklists[0].items[2].number" },
        { "empty-text", "checklists[0].items[1].text" },
        { "unknown-section", "checklists[0].items[1].section" },
        { "unknown-form", "checklists[1].audience" },
        { "unknown-kind", "checklists[0].facilityKinds[0]" },
        { "carries-from-nothing", "checklists[0].items[2].carriesFrom" },
        { "bad-date", "issuedOn" },
        { "no-items", "checklists[0].items" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_bad_document_is_a_400_naming_the_field_and_nothing_is_stored(string defect, string field)
    {
        var admin = await App.AdminApiAsync();
        var id = TestEditions.NewId();
        var edition = TestEditions.Yearly(id);
        var institution = edition["checklists"]![0]!;
        var items = institution["items"]!.AsArray();
        switch (defect)
        {
            case "missing-title": edition.Remove("title"); break;
            case "duplicate-number": items[2]!["number"] = 2; break;
            case "empty-text": items[1]!["text"] = " "; break;
            case "unknown-section": items[1]!["section"] = "9"; break;
            case "unknown-form": edition["checklists"]![1]!["audience"] = "auditor"; break;
            case "unknown-kind": institution["facilityKinds"]![0] = "nursing-home"; break;
            case "carries-from-nothing":
                var last = await admin.ImportAsync(TestEditions.Yearly(TestEditions.NewId()));
                edition["previousEdition"] = last;
                items[2]!["carriesFrom"] = 99;
                break;
            case "bad-date": edition["issuedOn"] = "2026/06/01"; break;
            case "no-items": institution["items"] = new JsonArray(); break;
        }

        var problem = await admin.PostRawJsonAsync("/api/v1/catalogs", TestEditions.Json(edition)).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await admin.GetAsync($"/api/v1/catalogs/{id}", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Broken_json_is_a_400_with_the_line()
    {
        var admin = await App.AdminApiAsync();
        var problem = await admin.PostRawJsonAsync("/api/v1/catalogs", "{\"id\": \"x-1\",\n \"title\": }").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2行目", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_installation_administrator_imports_and_the_import_is_in_the_access_log()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var facilityAdmin = await App.ApiClientAsync(await App.AddUserAsync(Role.Admin, facility));
        var id = TestEditions.NewId();
        await facilityAdmin.PostRawJsonAsync("/api/v1/catalogs", TestEditions.Json(TestEditions.Yearly(id))).ExpectProblemAsync(HttpStatusCode.Forbidden);

        await admin.ImportAsync(TestEditions.Yearly(id));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Mamori.Data.MamoriDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "catalog.import" && e.TargetId == id, Ct));
    }

    [Fact]
    public async Task A_correction_is_the_next_revision_and_may_not_add_or_remove_items()
    {
        var admin = await App.AdminApiAsync();
        var id = await admin.ImportAsync(TestEditions.Yearly(TestEditions.NewId()));
        var corrected = TestEditions.Yearly(id);
        corrected["checklists"]![0]!["items"]![1]!["text"] = "（テスト）責任者を定め、周知している。";

        using (var response = await admin.PostAsJsonAsync($"/api/v1/catalogs/{id}/revisions", new { note = "項目2の誤字", document = corrected }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        var latest = await admin.GetJsonAsync($"/api/v1/catalogs/{id}");
        Assert.Equal(2, latest.GetProperty("revision").GetInt32());
        Assert.Equal("（テスト）責任者を定め、周知している。", latest.GetProperty("checklists")[0].GetProperty("items")[1].GetProperty("text").GetString());
        var first = await admin.GetJsonAsync($"/api/v1/catalogs/{id}?revision=1");
        Assert.Equal("（テスト）責任者を定めている。", first.GetProperty("checklists")[0].GetProperty("items")[1].GetProperty("text").GetString());

        corrected["checklists"]![0]!["items"]!.AsArray().RemoveAt(5);
        await admin.PostAsJsonAsync($"/api/v1/catalogs/{id}/revisions", new { note = "削除", document = corrected }, Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class SqliteCatalogImportTests(SqliteApp app) : CatalogImportTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCatalogImportTests(PostgresApp app) : CatalogImportTests(app), IClassFixture<PostgresApp>;
