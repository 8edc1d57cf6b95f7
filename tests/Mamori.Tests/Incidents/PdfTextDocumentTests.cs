using Mamori.Incidents.Reports.Pdf;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Incidents;

/// <summary>The PDF writer, read back with poppler: Japanese text survives, the font is embedded as a subset, pages break.</summary>
public sealed class PdfTextDocumentTests
{
    [Fact]
    public async Task Japanese_text_reads_back_and_the_font_is_an_embedded_subset()
    {
        var pdf = new PdfTextDocument("報告書", "作成日：2026年11月24日（令和8年）")
            .Heading("厚生労働省への報告", 16)
            .Paragraph("髙﨑病院（医療法人）の電子カルテがランサムウェアで暗号化された。VPN機器 FortiGate 60E の脆弱性。")
            .Build();
        var text = await PdfText.ExtractAsync(pdf);
        Assert.Contains("厚生労働省への報告", text);
        Assert.Contains("髙﨑病院（医療法人）の電子カルテがランサムウェアで", text);
        Assert.Contains("作成日：2026年11月24日（令和8年）", text);
        Assert.Matches(@"1\s*/\s*1", text);

        var fonts = await PdfText.FontsAsync(pdf);
        var row = fonts.Split('\n').Single(l => l.Contains("MamoriSansJP", StringComparison.Ordinal));
        Assert.Contains("CID TrueType", row);
        Assert.Matches(@"yes\s+yes\s+yes", row); // embedded, subset, has ToUnicode
        Assert.True(pdf.Length < 200_000, $"the subset should be small, got {pdf.Length} bytes");
    }

    [Fact]
    public async Task Long_text_wraps_and_continues_on_new_pages()
    {
        var doc = new PdfTextDocument("長文", "フッター");
        for (var i = 1; i <= 80; i++)
        {
            doc.Paragraph($"{i}行目：" + new string('あ', 60));
        }
        var text = await PdfText.ExtractAsync(doc.Build());
        Assert.Contains("80行目", text);
        // 80 paragraphs of two lines each need several A4 pages; every page says "n / total".
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        Assert.InRange(pages.Count, 3, 6);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Matches($@"{i + 1}\s*/\s*{pages.Count}\s*$", pages[i].TrimEnd());
        }
    }
}
