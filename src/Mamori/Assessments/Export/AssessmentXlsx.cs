using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Catalog;
using Mamori.Common;
using Text = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Mamori.Assessments.Export;

/// <summary>One round as a worksheet laid out like the ministry's form, ready to print on A4 or to keep on file.</summary>
public static class AssessmentXlsx
{
    private const int HeaderRow = 5;
    private const double LineHeight = 16; // Yu Gothic 10pt in Excel; LibreOffice's substitute needs less, so this errs on visible.

    // Indexes into the CellFormats built by Styles().
    private const uint Title = 1, Label = 2, Header = 3, BoxText = 4, BoxCenter = 5, Underlined = 6, Wrapped = 7;

    public static byte[] Build(AssessmentView view)
    {
        var list = view.Checklist;
        var sheetName = SheetName(list);
        // The lead columns (NO, 視点) also carry the labels above and beside the table, so the staff list's NO is wider.
        double[] widths = list.HasPerspectives ? [5, 6, 70, 10, 28] : [10, 70, 10, 28];
        var text = widths.Length - 3; // 0-based column of チェック項目
        var w = new SheetWriter(widths.Length);

        w.Put(1, 0, list.Title, Title, span: widths.Length);
        w.SetHeight(1, 24);
        w.Put(2, 0, "医療機関", Label, span: text);
        w.Put(2, text, view.Facility.Name, Underlined, span: 3);
        w.Put(3, 0, "記入者", Label, span: text);
        w.Put(3, text, view.Assessment.Respondent, Underlined);
        w.Put(3, text + 1, "日付", Label);
        w.Put(3, text + 2, JapaneseDates.Long(view.Assessment.Date), Underlined);

        string[] headers = list.HasPerspectives ? ["NO", "視点", "チェック項目", "チェック欄\n（○ or ×）", "メモ"] : ["NO", "チェック項目", "チェック欄\n（○ or ×）", "メモ"];
        for (var c = 0; c < headers.Length; c++)
        {
            w.Put(HeaderRow, c, headers[c], Header);
        }
        w.SetHeight(HeaderRow, 2 * LineHeight);

        var row = HeaderRow;
        foreach (var item in list.Items)
        {
            row++;
            var answer = view.AnswerFor(item.Number);
            var memo = Normalize(answer?.Memo);
            w.Put(row, 0, item.Label ?? (object)item.Number, BoxCenter);
            if (list.HasPerspectives)
            {
                w.Put(row, 1, item.Perspective?.ToJapanese() ?? "", BoxCenter);
            }
            w.Put(row, text, Normalize(item.Text), BoxText);
            w.Put(row, text + 1, answer?.Value.ToMark() ?? "", BoxCenter);
            w.Put(row, text + 2, memo, BoxText);
            w.SetHeight(row, Math.Max(Lines(item.Text, widths[text]), Lines(memo, widths[text + 2])) * LineHeight + 4);
        }
        row++;

        void Paragraph(string paragraph)
        {
            w.Put(++row, 0, Normalize(paragraph), Wrapped, span: widths.Length);
            w.SetHeight(row, Lines(paragraph, widths.Sum()) * LineHeight + 4);
        }
        if (list.HasPerspectives)
        {
            foreach (var p in view.Catalog.Perspectives)
            {
                Paragraph($"{p.Label}…{p.Definition}");
            }
            row++;
        }

        w.Put(++row, 0, "チェックの結果", Title, span: widths.Length);
        w.SetHeight(row, 24);
        if ((list.ResultNote ?? view.Catalog.ResultNote) is { } note)
        {
            Paragraph(note);
        }
        // The result table reuses the form's columns: 分類 under the lead columns, 割合 under チェック項目, 項目数 under the rest.
        void ResultRow(string label, string ratio, string count, uint style)
        {
            row++;
            if (list.HasPerspectives)
            {
                w.Put(row, 0, label, style, span: text);
            }
            w.Put(row, list.HasPerspectives ? text : 0, ratio, style, span: list.HasPerspectives ? 1 : text + 1);
            w.Put(row, text + 1, count, style, span: 2);
        }
        ResultRow("分類", "割合", "項目数", Header);
        var result = view.Result;
        foreach (var p in result.Perspectives)
        {
            ResultRow(p.Perspective.ToJapanese(), p.Line.RatioText, p.Line.CountText, BoxCenter);
        }
        ResultRow("合計", result.Total.RatioText, result.Total.CountText, BoxCenter);

        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            doc.PackageProperties.Title = list.Title;
            doc.PackageProperties.Creator = "Mamori";
            var book = doc.AddWorkbookPart();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheet = book.AddNewPart<WorksheetPart>();
            sheet.Worksheet = w.ToWorksheet(widths);
            book.Workbook = new Workbook(
                new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = book.GetIdOfPart(sheet) }),
                // Print_Titles repeats the table header on every printed page, as the paper form does.
                new DefinedNames(new DefinedName($"'{sheetName}'!${HeaderRow}:${HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        }
        return stream.ToArray();
    }

    private static string SheetName(Checklist list) => list.Key switch
    {
        "executive" => "経営層向け",
        "sysadmin" => "システム管理者向け",
        "online-qualification" => "オンライン資格確認等",
        "staff" => "職員向け",
        // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
        var key => new string(key.Where(c => !"[]:*?/\\'".Contains(c)).Take(31).ToArray()) is { Length: > 0 } name ? name : "Sheet1",
    };

    private static string Normalize(string? text) => (text ?? "").Replace("\r\n", "\n").Trim();

    /// <summary>
    /// Wrapped lines the text needs in a column of this width (a full-width character takes two width units).
    /// Needed because neither Excel nor LibreOffice reliably autofits wrapped text when the file is opened.
    /// </summary>
    private static int Lines(string? text, double width) => Math.Max(1, Normalize(text).Split('\n')
        .Sum(line => Math.Max(1, (int)Math.Ceiling(line.Sum(c => c is > '\u00ff' and not (>= '\uff61' and <= '\uff9f') ? 2 : 1) / (width - 1)))));

    private static Stylesheet Styles()
    {
        static Font MakeFont(double size, bool bold) => new()
        {
            Bold = bold ? new Bold() : null,
            FontSize = new FontSize { Val = size },
            FontName = new FontName { Val = "Yu Gothic" },
            FontCharSet = new FontCharSet { Val = 128 }, // Shift_JIS: tells Excel the font is for Japanese text.
        };
        static Border MakeBorder(bool all) => new(
            new LeftBorder { Style = all ? BorderStyleValues.Thin : null },
            new RightBorder { Style = all ? BorderStyleValues.Thin : null },
            new TopBorder { Style = all ? BorderStyleValues.Thin : null },
            new BottomBorder { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        static CellFormat Format(uint font, uint fill, uint border, HorizontalAlignmentValues? h, VerticalAlignmentValues v, bool wrap) => new(
            new Alignment { Horizontal = h, Vertical = v, WrapText = wrap })
        {
            FontId = font, FillId = fill, BorderId = border, FormatId = 0,
            ApplyFont = true, ApplyFill = fill != 0, ApplyBorder = border != 0, ApplyAlignment = true,
        };
        var top = VerticalAlignmentValues.Top;
        var center = VerticalAlignmentValues.Center;
        return new Stylesheet(
            new Fonts(MakeFont(10, false), MakeFont(10, true), MakeFont(14, true)),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9D9D9" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), MakeBorder(true), MakeBorder(false)),
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }),
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                Format(2, 0, 0, null, center, false), // Title
                Format(1, 0, 0, null, center, false), // Label
                Format(1, 2, 1, HorizontalAlignmentValues.Center, center, true), // Header
                Format(0, 0, 1, null, top, true), // BoxText
                Format(0, 0, 1, HorizontalAlignmentValues.Center, top, true), // BoxCenter
                Format(0, 0, 2, null, center, false), // Underlined
                Format(0, 0, 0, null, top, true)), // Wrapped
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    /// <summary>Collects cells row by row; OpenXML needs rows and cells in order and merged areas filled with styled blanks.</summary>
    private sealed class SheetWriter(int columns)
    {
        private readonly SortedDictionary<int, SortedDictionary<int, Cell>> _rows = [];
        private readonly Dictionary<int, double> _heights = [];
        private readonly List<string> _merges = [];

        public void SetHeight(int row, double points) => _heights[row] = points;

        public void Put(int row, int column, object value, uint style, int span = 1)
        {
            if (!_rows.TryGetValue(row, out var cells))
            {
                _rows[row] = cells = [];
            }
            var reference = Ref(column, row);
            cells[column] = value is int number
                ? new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(number) }
                : new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString, InlineString = new InlineString(new Text((string)value) { Space = SpaceProcessingModeValues.Preserve }) };
            for (var c = column + 1; c < column + span; c++)
            {
                cells[c] = new Cell { CellReference = Ref(c, row), StyleIndex = style };
            }
            if (span > 1)
            {
                _merges.Add($"{reference}:{Ref(column + span - 1, row)}");
            }
        }

        public Worksheet ToWorksheet(double[] widths)
        {
            var data = new SheetData(_rows.Select(r => new Row(r.Value.Values)
            {
                RowIndex = (uint)r.Key,
                Height = _heights.TryGetValue(r.Key, out var h) ? h : null,
            }));
            return new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView { WorkbookViewId = 0, ShowGridLines = false }),
                new Columns(widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
                data,
                new MergeCells(_merges.Select(m => new MergeCell { Reference = m })),
                new PrintOptions { HorizontalCentered = true },
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0 },
                new HeaderFooter(new OddFooter("&C&P / &N")));
        }

        private string Ref(int column, int row) =>
            column < columns ? $"{(char)('A' + column)}{row}" : throw new ArgumentOutOfRangeException(nameof(column));
    }
}
