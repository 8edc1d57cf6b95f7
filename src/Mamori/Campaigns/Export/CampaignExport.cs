using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Assessments;
using Mamori.Common;
using Text = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Mamori.Campaigns.Export;

/// <summary>
/// A campaign's files: every response (one row each, one column per item) and the summary (the tables of the
/// results page), as CSV for any tool and as xlsx for Excel. Both are plain tables so they sort and filter.
/// </summary>
public static class CampaignExport
{
    private static readonly string[] TotalHeader = ["医療機関", "タイトル", "受付開始", "締切", "方式", "回答数", "割合", "項目数", "前回の割合"];
    private static readonly string[] ItemHeader = ["NO", "チェック項目", "○の割合", "○の数", "回答数", "前回の○の割合"];
    private static readonly string[] DepartmentHeader = ["部門", "回答数", "職員数", "回答率", "割合", "項目数", "前回の割合"];

    /// <summary>Named campaigns: department, job type, name and time. Anonymous ones: the department alone (CampaignResponses).</summary>
    public static IReadOnlyList<string[]> ResponseTable(ResponseSheet sheet)
    {
        var named = !sheet.Campaign.Anonymous;
        var header = new List<string> { "部門" };
        if (named)
        {
            header.AddRange(["職種", "氏名", "回答日時（日本時間）"]);
        }
        header.AddRange(sheet.Checklist.Items.Select(i => $"項目{i.DisplayNumber}"));
        header.Add("○の数");
        var rows = new List<string[]> { header.ToArray() };
        foreach (var r in sheet.Rows)
        {
            var row = new List<string> { r.Department };
            if (named)
            {
                row.AddRange([r.JobType, r.Respondent ?? "", JapaneseDates.DateTime(r.SubmittedAt)]);
            }
            row.AddRange(sheet.Checklist.Items.Select(i => r.Answers.TryGetValue(i.Number, out var v) ? ((AnswerValue?)v).ToMark() : ""));
            row.Add(r.Answers.Values.Count(v => v == AnswerValue.Yes).ToString(System.Globalization.CultureInfo.InvariantCulture));
            rows.Add(row.ToArray());
        }
        return rows;
    }

    /// <summary>The summary as named tables: 全体, 項目別, 部門別, 部門×項目, 職種×項目.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string[]> Rows)> SummaryTables(CampaignResult r)
    {
        var items = r.Checklist.Items;
        var total = new List<string[]>
        {
            TotalHeader,
            new[] { r.Facility.Name, r.Campaign.Title, JapaneseDates.DateTime(r.Campaign.OpensAt), JapaneseDates.DateTime(r.Campaign.ClosesAt),
                r.Campaign.Anonymous ? "無記名" : "記名", Num(r.Responses), r.Total.RatioText, r.Total.CountText, r.Previous?.Total.RatioText ?? "" },
        };
        var byItem = new List<string[]> { ItemHeader };
        byItem.AddRange(items.Select(i => r.Items.Single(x => x.Item.Number == i.Number))
            .Select(x => new[] { x.Item.DisplayNumber, Catalog.ItemText.Flatten(x.Item.Text), x.Line.RatioText, Num(x.Line.Checked), Num(x.Line.Total), x.Previous?.RatioText ?? "" }));
        var departments = new List<string[]> { DepartmentHeader };
        departments.AddRange(r.Departments.Select(d => new[] { d.Name, Num(d.Responses), Num(d.Headcount ?? 0), d.ResponseRate?.RatioText ?? "-", d.Line.RatioText, d.Line.CountText, d.Previous?.RatioText ?? "" }));
        if (r.Anonymity is { } a)
        {
            total.Add([]);
            total.Add([$"無記名：回答が{a.Threshold}件未満の部門・職種は単独では表示していません（「{AnonymityRule.MergedName}」にまとめるか表示から外し、合計には含めています）。"]);
            total.Add([a.Withheld
                ? $"回答が{a.Threshold}件に達していないため、結果は表示していません。"
                : $"表示から外した部門：{a.HiddenDepartments}、職種：{a.HiddenJobTypes}"]);
        }
        return
        [
            ("全体", total),
            ("項目別", byItem),
            ("部門別", departments),
            ("部門×項目", Matrix("部門", r.Departments, items)),
            ("職種×項目", Matrix("職種", r.JobTypes, items)),
        ];
    }

    public static byte[] Csv(IReadOnlyList<string[]> rows)
    {
        var csv = new Csv();
        foreach (var row in rows)
        {
            csv.Row(row);
        }
        return csv.ToBytes();
    }

    /// <summary>The summary tables one under another with a blank row and a title between them (CSV has no sheets).</summary>
    public static byte[] Csv(IReadOnlyList<(string Name, IReadOnlyList<string[]> Rows)> tables)
    {
        var csv = new Csv();
        foreach (var (name, rows) in tables)
        {
            csv.Row($"【{name}】");
            foreach (var row in rows)
            {
                csv.Row(row);
            }
            csv.Row("");
        }
        return csv.ToBytes();
    }

    public static byte[] Xlsx(string title, IReadOnlyList<(string Name, IReadOnlyList<string[]> Rows)> sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            doc.PackageProperties.Title = title;
            doc.PackageProperties.Creator = "Mamori";
            var book = doc.AddWorkbookPart();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font(new FontSize { Val = 10 }, new FontName { Val = "Yu Gothic" }), new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Yu Gothic" })),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())),
                new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }),
                new CellFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }, new CellFormat { FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
                    new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true }),
                new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
            var list = new Sheets();
            var printNames = new DefinedNames();
            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = book.AddNewPart<WorksheetPart>();
                var widths = Widths(rows);
                part.Worksheet = new Worksheet(
                    new SheetProperties(new PageSetupProperties { FitToPage = true }),
                    new Columns(widths.Select((width, c) => new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = width, CustomWidth = true })),
                    new SheetData(rows.Select((row, r) => new Row(row.Select((value, c) => Cell(value, r == 0, widths[c]))) { RowIndex = (uint)r + 1 })),
                    new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                    PageSetupFor(widths),
                    new HeaderFooter(new OddFooter($"&L{FooterText(title)}&R&P / &N")));
                list.Append(new Sheet { Name = name, SheetId = sheetId, Id = book.GetIdOfPart(part) });
                if (rows.Count > 0 && widths.Length > 0)
                {
                    // Without a print area and fit-to-width, the wide tables printed as 11 pages of column slices.
                    var sheetRef = $"'{name.Replace("'", "''", StringComparison.Ordinal)}'";
                    printNames.Append(new DefinedName($"{sheetRef}!$A$1:${ColumnName(widths.Length - 1)}${rows.Count}") { Name = "_xlnm.Print_Area", LocalSheetId = sheetId - 1 });
                    printNames.Append(new DefinedName($"{sheetRef}!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = sheetId - 1 });
                }
                sheetId++;
            }
            book.Workbook = new Workbook(list, printNames);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Each column as wide as its longest value (Japanese characters count double, long item texts are capped), so
    /// Excel and LibreOffice open the sheet readable instead of cutting every text at the default width.
    /// </summary>
    private static double[] Widths(IReadOnlyList<string[]> rows)
    {
        var count = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        return [.. Enumerable.Range(0, count).Select(c =>
        {
            var widest = rows.Where(r => c < r.Length).Select(r => TextWidth(r[c])).DefaultIfEmpty(0).Max();
            return (double)Math.Clamp(widest + 2, 6, MaxWidth);
        })];
    }

    private const int MaxWidth = 60;

    /// <summary>Above this many width units (about 10 pt characters) the sheet goes landscape: A4 portrait holds about 95 at full size.</summary>
    private const double PortraitWidth = 95;

    private static int TextWidth(string text) => text.Sum(ch => ch > 0xFF ? 2 : 1);

    /// <summary>A4, one page wide and as many long as needed; landscape when the columns are wider than portrait holds.</summary>
    private static PageSetup PageSetupFor(double[] widths) => new()
    {
        PaperSize = 9,
        Orientation = widths.Sum() > PortraitWidth ? OrientationValues.Landscape : OrientationValues.Portrait,
        FitToWidth = 1,
        FitToHeight = 0,
    };

    private static string FooterText(string title) => title.Replace("&", "&&", StringComparison.Ordinal);

    private static string ColumnName(int column) => column < 26 ? ((char)('A' + column)).ToString() : ColumnName(column / 26 - 1) + (char)('A' + column % 26);

    public static string FileName(Campaign campaign, string what, string extension) =>
        $"campaign_{JapaneseDates.Iso(DateOnly.FromDateTime(JapaneseDates.ToJst(campaign.OpensAt).DateTime))}_{campaign.Id.ToString()[..8]}_{what}.{extension}";

    /// <summary>Whole numbers stay numbers in Excel (so they sum); everything else is text, never a formula.</summary>
    /// <summary>Text longer than its (capped) column wraps, so it prints inside the page instead of running off it.</summary>
    private static Cell Cell(string value, bool header, double width) =>
        !header && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? new Cell { CellValue = new CellValue(n), DataType = CellValues.Number }
            : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)), StyleIndex = header ? 1u : TextWidth(value) + 2 > width ? 2u : 0u };

    private static List<string[]> Matrix(string label, IReadOnlyList<GroupRow> groups, IReadOnlyList<Catalog.ChecklistItem> items)
    {
        var rows = new List<string[]> { new[] { label, "回答数", "割合" }.Concat(items.Select(i => $"項目{i.DisplayNumber}")).ToArray() };
        rows.AddRange(groups.Select(g => new[] { g.Name, Num(g.Responses), g.Line.RatioText }.Concat(items.Select(i => g.Items[i.Number].RatioText)).ToArray()));
        return rows;
    }

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The person links to hand out (mail merge). Named campaigns say who has answered; anonymous ones never do,
    /// per person: an answered mark beside a name, next to responses.csv, would say whose answers are whose.
    /// </summary>
    public static byte[] PersonsCsv(Campaign campaign, IReadOnlyList<PersonLinkView> persons, string baseUrl)
    {
        var named = !campaign.Anonymous;
        var csv = new Csv().Row(named ? ["氏名", "メールアドレス", "部門", "職種", "回答用URL", "回答済み"] : ["氏名", "メールアドレス", "部門", "職種", "回答用URL"]);
        foreach (var p in persons)
        {
            string[] row = [p.Name, p.Email ?? "", p.Department, p.JobType, PublicAddresses.Link(baseUrl, p.Code)!];
            csv.Row(named ? [.. row, p.UsedAt is null ? "" : "済"] : row);
        }
        return csv.ToBytes();
    }
}
