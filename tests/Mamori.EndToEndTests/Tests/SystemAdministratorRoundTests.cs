using System.Globalization;
using System.Text;
using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Flows 3, 6, 7 and 8 on one answered システム管理者向け round.</summary>
public sealed class SystemAdministratorRoundTests(MamoriApp app, SysadminRound round) : IClassFixture<SysadminRound>
{
    private CatalogList List => round.List;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The チェックの結果 figures worked out from the catalog file and the pattern, independently of the app.</summary>
    private Dictionary<string, (string Ratio, string Count)> ExpectedResult(Func<int, Mark?> pattern)
    {
        var expected = new Dictionary<string, (string, string)>();
        foreach (var p in CatalogFile.PerspectiveKeys)
        {
            var items = List.Items.Where(i => i.Perspective == p).ToList();
            var yes = items.Count(i => pattern(i.Number) == Mark.Yes);
            expected[p] = (CatalogFile.Ratio(yes, items.Count), $"{yes}/{items.Count}");
        }
        var all = List.Items.Count(i => pattern(i.Number) == Mark.Yes);
        expected["total"] = (CatalogFile.Ratio(all, List.Items.Count), $"{all}/{List.Items.Count}");
        return expected;
    }

    [Fact]
    public async Task Answers_given_by_clicking_are_saved_and_still_there_after_a_reload()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;

        var form = await AssessmentPage.OpenAsync(page, round.RoundId);
        await page.ReloadAsync();

        var shown = await form.AnswersAsync();
        Assert.Equal(List.Items.Select(i => i.Number), shown.Keys.Order());
        foreach (var item in List.Items)
        {
            Assert.True(SysadminRound.Pattern(item.Number) == shown[item.Number], $"Item {item.Number}: expected {SysadminRound.Pattern(item.Number)?.ToSymbol() ?? "unanswered"}, the page shows {shown[item.Number]?.ToSymbol() ?? "unanswered"}.");
        }
        // The 視点 column as in the catalog, spot-checked where the 視点 changes.
        foreach (var n in new[] { 1, 84, 85, 91, 92 })
        {
            var perspective = List.Items.Single(i => i.Number == n).Perspective!;
            await Expect(form.Row(n).Locator("td.col-perspective")).ToHaveTextAsync(CatalogFile.PerspectiveLabel(perspective));
        }
        await Expect(page.Locator(".round-meta")).ToContainTextAsync(SysadminRound.Respondent);
        await Expect(page.Locator(".round-meta")).ToContainTextAsync("2026年4月1日（令和8年）");
        await Artifacts.ScreenshotAsync(page, "form-sysadmin-answered");
    }

    [Fact]
    public async Task The_result_table_and_the_todo_list_match_the_answers()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;

        var result = await ResultPage.OpenAsync(page, round.RoundId);
        await Artifacts.ScreenshotAsync(page, "result-sysadmin");

        Assert.Equal(["分類", "割合", "項目数"], (await result.ColumnHeadersAsync()).Select(h => h.Trim()));
        var expected = ExpectedResult(SysadminRound.Pattern);
        // Hand-checked against the pattern: 予防 40/84, 発見 4/7, 是正 0/1, 合計 44/92.
        Assert.Equal(("47.6%", "40/84"), expected["prevent"]);
        Assert.Equal(("57.1%", "4/7"), expected["detect"]);
        Assert.Equal(("0.0%", "0/1"), expected["correct"]);
        Assert.Equal(("47.8%", "44/92"), expected["total"]);
        foreach (var key in CatalogFile.PerspectiveKeys.Append("total"))
        {
            var row = await result.RowAsync(key);
            Assert.Equal(key == "total" ? "合計" : CatalogFile.PerspectiveLabel(key), row.Label);
            Assert.Matches(@"^\d{1,3}\.\d%$", row.Ratio);
            Assert.Equal(expected[key], (row.Ratio, row.Count));
        }

        // The to-do list: exactly the × items, each with its full text, the weakest 視点 first.
        var crosses = List.Items.Where(i => SysadminRound.Pattern(i.Number) == Mark.No).ToList();
        var todo = await result.ToDoAsync();
        Assert.Equal(crosses.Select(i => i.Number).Order(), todo.Select(t => t.Number).Order());
        Assert.Equal($"対策が必要な項目 ({crosses.Count})", await result.ToDoHeadingAsync());
        foreach (var t in todo)
        {
            var item = crosses.Single(i => i.Number == t.Number);
            Assert.Equal($"項目 {t.Number}", t.Heading);
            Assert.Equal(CatalogFile.PerspectiveLabel(item.Perspective!), t.Perspective);
            Assert.Equal(CatalogFile.Comparable(item.Text), CatalogFile.WithoutWhitespace(t.Text));
        }
        var ratios = todo.Select(t => decimal.Parse(expected[List.Items.Single(i => i.Number == t.Number).Perspective!].Ratio.TrimEnd('%'), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ratios.Order(), ratios);
        Assert.Equal(92, todo[0].Number); // 是正 at 0.0% comes before 予防 (47.6%) and 発見 (57.1%).
        Assert.Equal([89, 90, 91], todo.TakeLast(3).Select(t => t.Number));

        Assert.Contains("未回答の項目があります: 2 項目", await result.WarningAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_excel_and_csv_exports_download_and_open_with_the_answers()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var form = await AssessmentPage.OpenAsync(page, round.RoundId);

        var csvDownload = await form.DownloadAsync("CSV");
        Assert.Matches(@"^sysadmin_2026-04-01_[0-9a-f]{8}\.csv$", csvDownload.SuggestedFilename);
        var csvPath = Artifacts.PathFor("export-" + csvDownload.SuggestedFilename);
        await csvDownload.SaveAsAsync(csvPath);
        var bytes = await File.ReadAllBytesAsync(csvPath, Ct);
        Assert.True(bytes.Length > 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "The CSV starts with the UTF-8 byte order mark.");
        var rows = Mamori.Tests.Fixtures.CsvReader.Parse(new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(["医療機関", "医療機関種別", "チェックリスト", "記入者", "日付", "NO", "視点", "チェック項目", "チェック欄", "メモ"], rows[0]);
        Assert.Equal(List.Items.Count + 1, rows.Count);
        foreach (var item in List.Items)
        {
            var row = rows[item.Number];
            Assert.Equal([round.FacilityName, "病院", List.Title, SysadminRound.Respondent, "2026-04-01", item.Number.ToString(CultureInfo.InvariantCulture)], row.Take(6));
            Assert.Equal(CatalogFile.PerspectiveLabel(item.Perspective!), row[6]);
            Assert.Equal(CatalogFile.OneLine(item.Text), row[7]);
            Assert.Equal(SysadminRound.Pattern(item.Number)?.ToSymbol() ?? "", row[8]);
        }

        var xlsxDownload = await form.DownloadAsync("Excel (.xlsx)");
        Assert.Matches(@"^sysadmin_2026-04-01_[0-9a-f]{8}\.xlsx$", xlsxDownload.SuggestedFilename);
        var xlsxPath = Artifacts.PathFor("export-" + xlsxDownload.SuggestedFilename);
        await xlsxDownload.SaveAsAsync(xlsxPath);
        var converted = await ExternalTool.SpreadsheetToCsvAsync(xlsxPath, Ct);
        await File.WriteAllTextAsync(Artifacts.PathFor("export-xlsx-as-libreoffice-csv.csv"), converted, Ct);
        Assert.Contains(List.Title, converted, StringComparison.Ordinal);
        Assert.Contains("○", converted, StringComparison.Ordinal);
        Assert.Contains("×", converted, StringComparison.Ordinal);
        Assert.Contains(round.FacilityName, converted, StringComparison.Ordinal);
        Assert.Contains(SysadminRound.Respondent, converted, StringComparison.Ordinal);
        Assert.Contains("チェックの結果", converted, StringComparison.Ordinal);
        Assert.Contains("47.6%", converted, StringComparison.Ordinal);
        Assert.Contains("44/92", converted, StringComparison.Ordinal);
        var xlsxRows = Mamori.Tests.Fixtures.CsvReader.Parse(converted);
        Assert.Equal(List.Items.Count(i => SysadminRound.Pattern(i.Number) == Mark.Yes), xlsxRows.Count(r => r.Contains("○")));
    }

    [Fact]
    public async Task The_print_view_makes_an_A4_pdf_like_the_ministry_form()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        await (await AssessmentPage.OpenAsync(page, round.RoundId)).OpenTabAsync("印刷");
        Assert.Equal($"/assessments/{round.RoundId}/print", page.Path());
        await Artifacts.ScreenshotAsync(page, "print");

        var pdf = Artifacts.PathFor("print-sysadmin.pdf");
        await page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
        var info = await ExternalTool.RunAsync("pdfinfo", [pdf], TimeSpan.FromSeconds(30), Ct);
        Assert.Contains("(A4)", info, StringComparison.Ordinal);
        var text = await ExternalTool.PdfToTextAsync(pdf, Ct);
        await File.WriteAllTextAsync(Artifacts.PathFor("print-sysadmin.txt"), text, Ct);

        foreach (var label in new[] { List.Title, "NO", "視点", "チェック項目", "チェック欄", "記入者", "日付", "チェックの結果", "分類", "割合", "項目数", "合計" })
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }
        Assert.Contains(SysadminRound.Respondent, text, StringComparison.Ordinal);
        Assert.Contains("2026年4月1日（令和8年）", text, StringComparison.Ordinal);
        Assert.Contains(round.FacilityName, text, StringComparison.Ordinal);
        // The result table's rows, each on its own line in the layout.
        var lines = text.Split('\n');
        foreach (var (label, ratio, count) in new[] { ("予防", "47.6%", "40/84"), ("発見", "57.1%", "4/7"), ("是正", "0.0%", "0/1"), ("合計", "47.8%", "44/92") })
        {
            Assert.Contains(lines, l => l.Contains(label, StringComparison.Ordinal) && l.Contains(ratio, StringComparison.Ordinal) && l.Contains(count, StringComparison.Ordinal));
        }
        // Every item's first words are printed, and the marks are there.
        Assert.Contains("医療情報システムで扱う情報を全てリストアップし", CatalogFile.WithoutWhitespace(text), StringComparison.Ordinal);
        Assert.True(text.Count(c => c == '○') >= 44, "Each ○ answer is printed.");
        Assert.True(text.Count(c => c == '×') >= 46, "Each × answer is printed.");
    }

    [Fact]
    public async Task Comparing_with_a_later_round_counts_improved_and_regressed_items()
    {
        // The later round is filled in without JavaScript: radio buttons and one 保存.
        var (plain, plainPage) = await app.SignedInAsync(o => o.JavaScriptEnabled = false);
        await using (plain)
        {
            var facility = await FacilityPage.OpenAsync(plainPage, round.FacilityId);
            var later = await facility.StartRoundAsync("sysadmin", SysadminRound.Respondent, new DateOnly(2026, 10, 1));
            foreach (var item in List.Items)
            {
                if (LaterPattern(item.Number) is { } mark)
                {
                    await later.ChooseAsync(item.Number, mark);
                }
            }
            await later.SaveAsync();
            await Expect(later.Flash).ToHaveTextAsync("保存しました。");
            LaterRoundId = later.Id;
        }

        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var compare = await (await FacilityPage.OpenAsync(page, round.FacilityId)).CompareAsync("sysadmin", round.RoundId, LaterRoundId);
        Assert.Equal("/assessments/compare", page.Path());
        await Artifacts.ScreenshotAsync(page, "compare");

        var numbers = List.Items.Select(i => i.Number).ToList();
        var improved = numbers.Where(n => LaterPattern(n) == Mark.Yes && SysadminRound.Pattern(n) != Mark.Yes).ToList();
        var regressed = numbers.Where(n => SysadminRound.Pattern(n) == Mark.Yes && LaterPattern(n) != Mark.Yes).ToList();
        var changed = numbers.Where(n => SysadminRound.Pattern(n) != LaterPattern(n)).ToList();
        Assert.Equal((6, 4, 11), (improved.Count, regressed.Count, changed.Count)); // by hand: 41, 43–47 / 1–3, 85 / and 89.

        Assert.Equal(improved.Count, await compare.ImprovedAsync());
        Assert.Equal(regressed.Count, await compare.RegressedAsync());
        Assert.Equal(changed.Count, await compare.ChangedAsync());
        var rows = await compare.ChangedItemsAsync();
        Assert.Equal(changed, rows.Select(r => r.Number));
        foreach (var r in rows)
        {
            Assert.Equal(SysadminRound.Pattern(r.Number)?.ToSymbol() ?? "—", r.Before);
            Assert.Equal(LaterPattern(r.Number)?.ToSymbol() ?? "—", r.After);
            Assert.Equal(improved.Contains(r.Number) ? "改善" : regressed.Contains(r.Number) ? "後退" : "変更", r.Change);
        }
        var laterResult = ExpectedResult(LaterPattern)["total"];
        await Expect(page.Locator("table.result-compare tr.total")).ToContainTextAsync($"47.8% (44/92)");
        await Expect(page.Locator("table.result-compare tr.total")).ToContainTextAsync($"{laterResult.Ratio} ({laterResult.Count})");
    }

    private Guid LaterRoundId { get; set; }

    /// <summary>The later round: 1–3 became ×, 41 and 43–47 became ○, 85 (○) and 89 (×) were left unanswered.</summary>
    private static Mark? LaterPattern(int number) => number switch
    {
        >= 1 and <= 3 => Mark.No,
        41 => Mark.Yes,
        >= 43 and <= 47 => Mark.Yes,
        85 or 89 => null,
        _ => SysadminRound.Pattern(number),
    };
}
