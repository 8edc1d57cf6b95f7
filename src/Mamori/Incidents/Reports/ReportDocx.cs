using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Mamori.Incidents.Reports;

/// <summary>A report as an editable Word document: title, date line, then the draft's headings and paragraphs.</summary>
public static class ReportDocx
{
    public static byte[] Build(IncidentReport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(report.Title, bold: true, size: 32));
            body.Append(Paragraph(report.DateLine, size: 20));
            foreach (var line in report.Body.Split('\n'))
            {
                body.Append(line.StartsWith("■ ", StringComparison.Ordinal) ? Paragraph(line[2..], bold: true, size: 24) : Paragraph(line, size: 21));
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 }, // A4 in twentieths of a point
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, bool bold = false, int size = 21)
    {
        // East Asian font hint so Word picks a Japanese face (Yu Gothic on Windows) instead of a Chinese fallback.
        var props = new RunProperties(new RunFonts { EastAsia = "Yu Gothic", Ascii = "Yu Gothic", HighAnsi = "Yu Gothic", Hint = FontTypeHintValues.EastAsia });
        if (bold)
        {
            props.Append(new Bold());
        }
        // Schema order: rFonts, b, sz, lang.
        props.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        props.Append(new Languages { EastAsia = "ja-JP" });
        return new Paragraph(new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
