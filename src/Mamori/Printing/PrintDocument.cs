namespace Mamori.Printing;

/// <summary>
/// A printout as Mamori writes it: headings, paragraphs, ruled blank lines for writing on by hand (paper
/// operation when systems are down), all on A4 with page numbers. The blocks are laid out and drawn only by
/// <see cref="ToPdf"/>, so a heading can be kept on the page of what follows it.
/// </summary>
public sealed class PrintDocument(string title, string footer)
{
    internal abstract record Block;
    internal sealed record TextBlock(string Text, double Size, double Indent, bool IsHeading) : Block;
    internal sealed record RuledLines(int Count, double Height) : Block;
    internal sealed record Gap(double Points) : Block;
    internal sealed record NewPage : Block;
    internal sealed record Picture(byte[] Bytes, double Width, double Height) : Block;

    private readonly List<Block> _blocks = [];

    public string Title { get; } = title;
    public string Footer { get; } = footer;
    internal IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>The text as meant, block by block, without layout: what a reader of the PDF should find in it.</summary>
    public string Text => string.Join("\n", _blocks.OfType<TextBlock>().Select(b => LineBreaker.Visible(b.Text)));

    /// <summary>Characters of the text or footer the bundled font cannot draw: each is printed as 〓.</summary>
    public IReadOnlyList<string> MissingCharacters => PdfPrinter.MissingFrom(Text + "\n" + Footer);

    public PrintDocument Heading(string text, double size = 13) => Add(new TextBlock(text, size, 0, IsHeading: true));

    public PrintDocument Paragraph(string text, double size = 10.5, double indent = 0) => Add(new TextBlock(text, size, indent, IsHeading: false));

    public PrintDocument BlankLines(int count, double height = 24) => Add(new RuledLines(count, height));

    public PrintDocument Space(double points) => Add(new Gap(points));

    public PrintDocument PageBreak() => Add(new NewPage());

    /// <summary>
    /// A PNG or JPEG image, as large as the page allows (never enlarged past its own size at 96 dpi, never cut):
    /// false, and nothing added, when the bytes are not an image PDFsharp can read.
    /// </summary>
    public bool Image(byte[] bytes)
    {
        var size = PdfPrinter.ImageSize(bytes);
        if (size is not { } s)
        {
            return false;
        }
        Add(new Picture(bytes, s.Width, s.Height));
        return true;
    }

    public byte[] ToPdf() => PdfPrinter.Print(this);

    private PrintDocument Add(Block block)
    {
        _blocks.Add(block);
        return this;
    }
}
