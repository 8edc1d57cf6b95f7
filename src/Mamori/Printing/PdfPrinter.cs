using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Mamori.Printing;

/// <summary>
/// Lays a <see cref="PrintDocument"/> out on A4 pages and draws it with PDFsharp: lines broken by
/// <see cref="LineBreaker"/>, a heading moved to the next page rather than left at the foot of one without its
/// first lines, "n / total" in every footer.
/// </summary>
internal static class PdfPrinter
{
    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 56.7; // A4, 20 mm margins
    private const double Bottom = PageHeight - Margin;

    /// <summary>Drawn instead of a character the font lacks: the 〓 (げた) of Japanese typesetting.</summary>
    public const string Substitute = "〓";

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly ConcurrentDictionary<int, double> EmWidths = new(); // per code point, at 1 pt

    private abstract record Mark;
    private sealed record TextMark(string Text, double X, double Baseline, double Size) : Mark;
    private sealed record RuleMark(double Y) : Mark;
    private sealed record ImageMark(byte[] Bytes, double X, double Y, double Width, double Height) : Mark;

    public static byte[] Print(PrintDocument document)
    {
        BundledFont.Register();
        var pages = Layout(document.Blocks);
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Creator = "Mamori";
        pdf.Language = "ja-JP";
        var fonts = new Dictionary<double, XFont>();
        XFont Font(double size) => fonts.TryGetValue(size, out var f) ? f : fonts[size] = new XFont(BundledFont.Family, size, XFontStyleEx.Regular, Unicode);
        var rule = new XPen(XColor.FromGrayScale(0.6), 0.5);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var mark in pages[i].Append(new TextMark($"{Drawable(document.Footer)}　{i + 1} / {pages.Count}", Margin, PageHeight - Margin / 2, 8)))
            {
                switch (mark)
                {
                    case TextMark t:
                        gfx.DrawString(t.Text, Font(t.Size), XBrushes.Black, t.X, t.Baseline, XStringFormats.BaseLineLeft);
                        break;
                    case RuleMark r:
                        gfx.DrawLine(rule, Margin, r.Y, PageWidth - Margin, r.Y);
                        break;
                    case ImageMark m:
                        using (var image = XImage.FromStream(new MemoryStream(m.Bytes, writable: false)))
                        {
                            gfx.DrawImage(image, m.X, m.Y, m.Width, m.Height);
                        }
                        break;
                }
            }
        }
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>An image's size in points (at its own resolution), or null when PDFsharp cannot read it as PNG or JPEG.</summary>
    public static (double Width, double Height)? ImageSize(byte[] bytes)
    {
        try
        {
            using var image = XImage.FromStream(new MemoryStream(bytes, writable: false));
            return image.PointWidth > 0 && image.PointHeight > 0 ? (image.PointWidth, image.PointHeight) : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PDFsharp throws various exceptions for bytes it cannot decode; any of them means "not printable here".
            return null;
        }
    }

    /// <summary>The characters of <paramref name="text"/> the bundled font cannot draw (each once, in order).</summary>
    public static IReadOnlyList<string> MissingFrom(string text) =>
        text.EnumerateRunes().Where(r => r.Value is not ('\n' or '\r' or 0x2060) && !Drawable(r)).Select(r => r.ToString()).Distinct().ToList();

    private static List<List<Mark>> Layout(IReadOnlyList<PrintDocument.Block> blocks)
    {
        var pages = new List<List<Mark>> { new() };
        var y = Margin; // the top of the next line
        bool AtTop() => y <= Margin;
        void NewPage()
        {
            pages.Add([]);
            y = Margin;
        }
        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case PrintDocument.Gap gap:
                    y += AtTop() ? 0 : gap.Points;
                    break;
                case PrintDocument.NewPage:
                    if (!AtTop())
                    {
                        NewPage();
                    }
                    break;
                case PrintDocument.RuledLines ruled:
                    for (var n = 0; n < ruled.Count; n++)
                    {
                        if (y + ruled.Height > Bottom)
                        {
                            NewPage();
                        }
                        y += ruled.Height;
                        pages[^1].Add(new RuleMark(y));
                    }
                    break;
                case PrintDocument.Picture picture:
                    {
                        // Fit to the text width and to a whole page's height; on a new page if it does not fit below.
                        var scale = Math.Min(1, Math.Min((PageWidth - 2 * Margin) / picture.Width, (Bottom - Margin - 4) / picture.Height));
                        var (w, h) = (picture.Width * scale, picture.Height * scale);
                        if (y + h + 4 > Bottom)
                        {
                            NewPage();
                        }
                        pages[^1].Add(new ImageMark(picture.Bytes, Margin, y + 4, w, h));
                        y += h + 8;
                        break;
                    }
                case PrintDocument.TextBlock text:
                    var lines = Lines(text);
                    var height = LineHeight(text);
                    if (text.IsHeading && !AtTop())
                    {
                        y += text.Size * 0.6;
                        if (y + lines.Count * height + Following(blocks, i + 1) > Bottom)
                        {
                            NewPage();
                        }
                    }
                    foreach (var line in lines)
                    {
                        if (y + height > Bottom)
                        {
                            NewPage();
                        }
                        y += height;
                        pages[^1].Add(new TextMark(line, Margin + text.Indent, y, text.Size));
                    }
                    break;
            }
        }
        return pages;
    }

    /// <summary>How much of what follows a heading must share its page: its first two lines (or first ruled line), through any headings under it.</summary>
    private static double Following(IReadOnlyList<PrintDocument.Block> blocks, int i) => i >= blocks.Count ? 0 : blocks[i] switch
    {
        PrintDocument.TextBlock { IsHeading: true } h => h.Size * 0.6 + Lines(h).Count * LineHeight(h) + Following(blocks, i + 1),
        PrintDocument.TextBlock t => Math.Min(2, Lines(t).Count) * LineHeight(t),
        PrintDocument.RuledLines r => r.Height,
        PrintDocument.Gap g => g.Points + Following(blocks, i + 1),
        PrintDocument.Picture p => Math.Min(p.Height, 200),
        _ => 0,
    };

    private static double LineHeight(PrintDocument.TextBlock text) => text.Size * 1.6;

    private static List<string> Lines(PrintDocument.TextBlock text)
    {
        var width = PageWidth - 2 * Margin - text.Indent;
        double Measure(string s) => s.EnumerateRunes().Sum(r => EmWidth(r.Value)) * text.Size;
        return Drawable(text.Text).Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .SelectMany(p => LineBreaker.Break(p, width, Measure)).ToList();
    }

    private static string Drawable(string text)
    {
        var drawn = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            drawn.Append(rune.Value is '\n' or '\r' or 0x2060 || Drawable(rune) ? rune.ToString() : Substitute);
        }
        return drawn.ToString();
    }

    private static bool Drawable(Rune rune) => GlyphHelper.GlyphIndexFromCodePoint(rune.Value, Measuring.Font) != 0;

    private static double EmWidth(int codePoint) => EmWidths.GetOrAdd(codePoint, c =>
    {
        lock (Measuring.Graphics)
        {
            return Measuring.Graphics.MeasureString(char.ConvertFromUtf32(c), Measuring.Font).Width / Measuring.Size;
        }
    });

    /// <summary>A font and a graphics context for measuring, made once: measuring needs no page.</summary>
    private static class Measuring
    {
        public const double Size = 1000;
        public static readonly XFont Font = Create();
        public static readonly XGraphics Graphics = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);

        private static XFont Create()
        {
            BundledFont.Register();
            return new XFont(BundledFont.Family, Size, XFontStyleEx.Regular, Unicode);
        }
    }
}
