using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Catalog;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Api;

/// <summary>The .xlsx and .csv exports of a round, read back as a spreadsheet program would.</summary>
public abstract class ExportApiTests(MamoriApp app) : IntegrationTest(app)
{
    private static readonly Checklist Sysadmin = CatalogStore.LoadEmbedded().FindChecklist("mhlw-2021-10", "sysadmin")!;

    /// <summary>Item 1 ○, item 2 × with a memo a spreadsheet would run as a formula, the rest unanswered.</summary>
    private async Task<(HttpClient Client, Guid Id)> AnsweredRoundAsync()
    {
        var client = await App.AdminApiAsync();
        var id = await client.CreateRoundAsync("sysadmin");
        await client.PutAnswersAsync(id, [1], "yes");
        await client.PutAnswerAsync(id, 2, "no", memo: "=HYPERLINK(\"http://example.invalid\",\"x\")").ExpectAsync(HttpStatusCode.NoContent);
        return (client, id);
    }

    [Fact]
    public async Task Xlsx_opens_and_holds_the_items_answers_and_result_table()
    {
        var (client, id) = await AnsweredRoundAsync();
        using var response = await client.GetAsync($"/api/v1/assessments/{id}/export.xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = Assert.Single(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("システム管理者向け", sheet.Name?.Value);
        var rows = ReadRows((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!));
        var all = rows.Values.SelectMany(r => r.Values).ToList();

        Assert.Contains(Sysadmin.Title, all);
        Assert.Contains("記入 太郎", all);
        Assert.Contains("2026年11月24日（令和8年）", all);
        var itemRows = rows.Values.Where(r => r.GetValueOrDefault("A") is { } no && int.TryParse(no, out _)).ToList();
        Assert.Equal(92, itemRows.Count);
        var item1 = itemRows.Single(r => r["A"] == "1");
        Assert.Equal("予防", item1["B"]);
        Assert.Equal(Sysadmin.FindItem(1)!.Text, item1["C"]);
        Assert.Equal("○", item1["D"]);
        var item2 = itemRows.Single(r => r["A"] == "2");
        Assert.Equal("×", item2["D"]);
        Assert.Equal("", itemRows.Single(r => r["A"] == "3")["D"]);
        Assert.Equal("発見", itemRows.Single(r => r["A"] == "85")["B"]);

        // チェックの結果: 分類 in A, 割合 in C, 項目数 in D. Hand-computed: 1/84 = 1.19 %, 1/92 = 1.09 %.
        var result = rows.Values.Where(r => r.ContainsKey("C") && r.GetValueOrDefault("A") is "分類" or "予防" or "発見" or "是正" or "合計")
            .ToDictionary(r => r["A"], r => (r["C"], r["D"]));
        Assert.Equal(("割合", "項目数"), result["分類"]);
        Assert.Equal(("1.2%", "1/84"), result["予防"]);
        Assert.Equal(("0.0%", "0/7"), result["発見"]);
        Assert.Equal(("0.0%", "0/1"), result["是正"]);
        Assert.Equal(("1.1%", "1/92"), result["合計"]);
    }

    [Fact]
    public async Task Csv_is_UTF8_with_BOM_and_has_a_row_per_item()
    {
        var (client, id) = await AnsweredRoundAsync();
        using var response = await client.GetAsync($"/api/v1/assessments/{id}/export.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var rows = CsvReader.Parse(Encoding.UTF8.GetString(bytes.AsSpan(3)));
        Assert.Equal(1 + 92, rows.Count);
        Assert.Equal(["医療機関", "医療機関種別", "チェックリスト", "記入者", "日付", "NO", "視点", "チェック項目", "チェック欄", "メモ"], rows[0]);
        Assert.All(rows, r => Assert.Equal(10, r.Count));
        Assert.Equal(["守り総合病院", "病院", Sysadmin.Title, "記入 太郎", "2026-11-24", "1", "予防", ItemText.Flatten(Sysadmin.FindItem(1)!.Text), "○", ""], rows[1]);
        Assert.Equal("×", rows[2][8]);
        Assert.Equal("'=HYPERLINK(\"http://example.invalid\",\"x\")", rows[2][9]);
        Assert.Equal("", rows[3][8]);
        Assert.Equal(Enumerable.Range(1, 92).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[5]));
    }

    [Fact]
    public async Task Exports_of_an_unknown_round_are_404_problems()
    {
        var client = await App.AdminApiAsync();
        await client.GetAsync($"/api/v1/assessments/{Guid.NewGuid()}/export.xlsx", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
        await client.GetAsync($"/api/v1/assessments/{Guid.NewGuid()}/export.csv", Ct).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Row number → column letter → text (inline strings and numbers as written).</summary>
    private static Dictionary<uint, Dictionary<string, string>> ReadRows(WorksheetPart part) =>
        part.Worksheet.Descendants<Row>().ToDictionary(
            r => r.RowIndex!.Value,
            r => r.Elements<Cell>().ToDictionary(
                c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()),
                c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? ""));
}

public sealed class SqliteExportApiTests(SqliteApp app) : ExportApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresExportApiTests(PostgresApp app) : ExportApiTests(app), IClassFixture<PostgresApp>;
