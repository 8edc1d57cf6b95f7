using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Mamori.Incidents.Reports.Pdf;

/// <summary>
/// A small A4 PDF writer for Mamori's printouts: headings, wrapped paragraphs, ruled blank lines for paper
/// logs, page numbers. Text is set in the bundled Japanese font, embedded as a subset (CIDFontType2 with a
/// ToUnicode map, so the text can be searched and copied), so the file prints the same on a clinic PC without
/// Japanese fonts and nothing is fetched from anywhere.
/// Why not a PDF library: PDFsharp 6.5 is AGPL-3.0 or commercial and needs a licence call at run time; this
/// is the little a report needs (see docs/architecture.md).
/// </summary>
public sealed class PdfTextDocument
{
    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 56.7; // A4, 20 mm margins
    private static readonly Lazy<TrueTypeFont> BundledFont = new(() =>
    {
        using var stream = typeof(PdfTextDocument).Assembly.GetManifestResourceStream("Mamori.Fonts.MamoriSansJP.ttf")
            ?? throw new InvalidOperationException("The bundled font is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new TrueTypeFont(copy.ToArray());
    });

    private readonly TrueTypeFont _font = BundledFont.Value;
    private readonly List<StringBuilder> _pages = [];
    private readonly HashSet<int> _used = [];
    private readonly Dictionary<int, int> _unicodeOf = [];
    private readonly string _title;
    private readonly string _footer;
    private double _y;

    public PdfTextDocument(string title, string footer)
    {
        _title = title;
        _footer = footer;
        NewPage();
    }

    public PdfTextDocument Heading(string text, double size = 13)
    {
        Space(size * 0.6);
        return Paragraph(text, size);
    }

    public PdfTextDocument Paragraph(string text, double size = 10.5, double indent = 0)
    {
        foreach (var line in Wrap(text, size, PageWidth - 2 * Margin - indent))
        {
            Ensure(size * 1.6);
            _y -= size * 1.6;
            Show(line, Margin + indent, _y, size);
        }
        return this;
    }

    /// <summary>Ruled lines to write on by hand (paper operation when systems are down).</summary>
    public PdfTextDocument BlankLines(int count, double height = 24)
    {
        for (var i = 0; i < count; i++)
        {
            Ensure(height);
            _y -= height;
            _pages[^1].Append(CultureInfo.InvariantCulture, $"0.6 G {Margin:0.##} {_y:0.##} m {PageWidth - Margin:0.##} {_y:0.##} l S 0 G\n");
        }
        return this;
    }

    public PdfTextDocument Space(double points)
    {
        _y -= points;
        return this;
    }

    public PdfTextDocument PageBreak()
    {
        NewPage();
        return this;
    }

    public byte[] Build()
    {
        for (var i = 0; i < _pages.Count; i++)
        {
            Show($"{_footer}　{i + 1} / {_pages.Count}", Margin, Margin / 2, 8, _pages[i]);
        }
        var pdf = new Writer();
        var catalog = pdf.Reserve();
        var pagesId = pdf.Reserve();
        var fontId = pdf.Reserve();
        var pageIds = new List<int>();
        foreach (var content in _pages)
        {
            var contentId = pdf.Stream(Encoding.ASCII.GetBytes(content.ToString()), "");
            pageIds.Add(pdf.Add($"<< /Type /Page /Parent {pagesId} 0 R /MediaBox [0 0 {PageWidth:0.##} {PageHeight:0.##}] /Resources << /Font << /F1 {fontId} 0 R >> >> /Contents {contentId} 0 R >>"));
        }
        WriteFont(pdf, fontId);
        pdf.Set(pagesId, $"<< /Type /Pages /Kids [{string.Join(" ", pageIds.Select(p => $"{p} 0 R"))}] /Count {pageIds.Count} >>");
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {pagesId} 0 R /Lang (ja-JP) >>");
        var info = pdf.Add($"<< /Title {Utf16(_title)} /Producer (Mamori) >>");
        return pdf.Finish(catalog, info);
    }

    private void WriteFont(Writer pdf, int fontId)
    {
        var file = _font.Subset(_used);
        var fileId = pdf.Stream(file, $"/Length1 {file.Length}");
        var scale = 1000.0 / _font.UnitsPerEm;
        // A subset tag (six capitals) before the name, as PDF requires for subset fonts.
        const string name = "MAMORI+MamoriSansJP-Regular";
        var descriptor = pdf.Add(string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{_font.Bbox[0] * scale:0} {_font.Bbox[1] * scale:0} {_font.Bbox[2] * scale:0} {_font.Bbox[3] * scale:0}] /ItalicAngle 0 /Ascent {_font.Ascent * scale:0} /Descent {_font.Descent * scale:0} /CapHeight {_font.Ascent * scale:0} /StemV 80 /FontFile2 {fileId} 0 R >>"));
        var widths = string.Join(" ", _used.Order().Select(g => $"{g} [{_font.Width(g)}]"));
        var cid = pdf.Add($"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>");
        var toUnicode = pdf.Stream(Encoding.ASCII.GetBytes(ToUnicodeMap()), "");
        pdf.Set(fontId, $"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {toUnicode} 0 R >>");
    }

    private string ToUnicodeMap()
    {
        var map = new StringBuilder("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
        foreach (var chunk in _unicodeOf.OrderBy(p => p.Key).Chunk(100))
        {
            map.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (glyph, codePoint) in chunk)
            {
                var utf16 = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(char.ConvertFromUtf32(codePoint)));
                map.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <{utf16}>\n");
            }
            map.Append("endbfchar\n");
        }
        return map.Append("endcmap CMapName currentdict /CMap defineresource pop end end").ToString();
    }

    private void Show(string text, double x, double y, double size, StringBuilder? page = null)
    {
        var hex = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var glyph = _font.Glyph(rune.Value);
            _used.Add(glyph);
            if (glyph != 0)
            {
                _unicodeOf.TryAdd(glyph, rune.Value);
            }
            hex.Append(CultureInfo.InvariantCulture, $"{glyph:X4}");
        }
        (page ?? _pages[^1]).Append(CultureInfo.InvariantCulture, $"BT /F1 {size:0.##} Tf {x:0.##} {y:0.##} Td <{hex}> Tj ET\n");
    }

    /// <summary>Breaks at the width: anywhere between Japanese characters, at spaces within Latin text when it can.</summary>
    private IEnumerable<string> Wrap(string text, double size, double width)
    {
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder();
            double used = 0;
            var lastSpace = -1;
            foreach (var rune in paragraph.EnumerateRunes())
            {
                var w = _font.Width(_font.Glyph(rune.Value)) * size / 1000;
                if (used + w > width && line.Length > 0)
                {
                    var cut = lastSpace > line.Length / 2 ? lastSpace : line.Length;
                    yield return line.ToString(0, cut).TrimEnd();
                    var rest = line.ToString(cut, line.Length - cut).TrimStart();
                    line.Clear().Append(rest);
                    used = rest.EnumerateRunes().Sum(r => _font.Width(_font.Glyph(r.Value)) * size / 1000);
                    lastSpace = -1;
                }
                if (rune.Value == ' ')
                {
                    lastSpace = line.Length;
                }
                line.Append(rune.ToString());
                used += w;
            }
            yield return line.ToString();
        }
    }

    private void Ensure(double height)
    {
        if (_y - height < Margin)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _pages.Add(new StringBuilder("0.5 w\n"));
        _y = PageHeight - Margin;
    }

    private static string Utf16(string text) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";

    /// <summary>Numbered objects, then the cross-reference table with each object's byte offset.</summary>
    private sealed class Writer
    {
        private readonly List<byte[]?> _objects = [];

        public int Reserve()
        {
            _objects.Add(null);
            return _objects.Count;
        }

        public int Add(string body)
        {
            var id = Reserve();
            Set(id, body);
            return id;
        }

        public void Set(int id, string body) => _objects[id - 1] = Encoding.ASCII.GetBytes(body);

        public int Stream(byte[] data, string extra)
        {
            using var compressed = new MemoryStream();
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(data);
            }
            var head = Encoding.ASCII.GetBytes($"<< /Length {compressed.Length} /Filter /FlateDecode {extra} >>\nstream\n");
            var id = Reserve();
            _objects[id - 1] = [.. head, .. compressed.ToArray(), .. "\nendstream"u8];
            return id;
        }

        public byte[] Finish(int root, int info)
        {
            var output = new MemoryStream();
            output.Write("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
            var offsets = new List<long>();
            for (var i = 0; i < _objects.Count; i++)
            {
                offsets.Add(output.Length);
                output.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
                output.Write(_objects[i] ?? throw new InvalidOperationException($"PDF object {i + 1} was reserved but never written."));
                output.Write("\nendobj\n"u8);
            }
            var xref = output.Length;
            var table = new StringBuilder($"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
            foreach (var offset in offsets)
            {
                table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
            }
            table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_objects.Count + 1} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            output.Write(Encoding.ASCII.GetBytes(table.ToString()));
            return output.ToArray();
        }
    }
}
