using Mamori.Printing;

namespace Mamori.Incidents.Reports;

/// <summary>A report as PDF, from the same text as the .docx: 「■」 lines are headings.</summary>
public static class ReportPdf
{
    public static byte[] Build(IncidentReport report) => Compose(report).ToPdf();

    public static PrintDocument Compose(IncidentReport report)
    {
        var pdf = new PrintDocument(report.Title, report.DateLine);
        pdf.Heading(report.Title, 16).Paragraph(report.DateLine, 9).Space(6);
        foreach (var line in report.Body.Split('\n'))
        {
            if (line.StartsWith("■ ", StringComparison.Ordinal))
            {
                pdf.Heading(line[2..], 12);
            }
            else
            {
                pdf.Paragraph(line, 10.5, indent: 10);
            }
        }
        return pdf;
    }
}
