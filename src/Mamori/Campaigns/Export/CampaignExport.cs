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
                new CellFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }, new CellFormat { FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true }),
                new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
            var list = new Sheets();
            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = book.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(
                    Widths(rows),
                    new SheetData(rows.Select((row, r) => new Row(row.Select(value => Cell(value, r == 0))) { RowIndex = (uint)r + 1 })));
                list.Append(new Sheet { Name = name, SheetId = sheetId++, Id = book.GetIdOfPart(part) });
            }
            book.Workbook = new Workbook(list);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Each column as wide as its longest value (Japanese characters count double, long item texts are capped), so
    /// Excel and LibreOffice open the sheet readable instead of cutting every text at the default width.
    /// </summary>
    private static Columns Widths(IReadOnlyList<string[]> rows)
    {
        var count = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        return new Columns(Enumerable.Range(0, count).Select(c =>
        {
            var widest = rows.Where(r => c < r.Length).Select(r => r[c].Sum(ch => ch > 0xFF ? 2 : 1)).DefaultIfEmpty(0).Max();
            return new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = Math.Clamp(widest + 2, 6, 80), CustomWidth = true };
        }));
    }

    public static string FileName(Campaign campaign, string what, string extension) =>
        $"campaign_{JapaneseDates.Iso(DateOnly.FromDateTime(JapaneseDates.ToJst(campaign.OpensAt).DateTime))}_{campaign.Id.ToString()[..8]}_{what}.{extension}";

    /// <summary>Whole numbers stay numbers in Excel (so they sum); everything else is text, never a formula.</summary>
    private static Cell Cell(string value, bool header) =>
        !header && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? new Cell { CellValue = new CellValue(n), DataType = CellValues.Number }
            : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)), StyleIndex = header ? 1u : 0u };

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
