using PdfSharp.Fonts;

namespace Mamori.Printing;

/// <summary>
/// Every PDF is set in the Japanese font inside the assembly (a subset of Noto Sans CJK JP made by
/// scripts/fonts/make-report-font.py), embedded in the file, so it prints the same on a clinic PC without Japanese
/// fonts and nothing is looked up on the machine. PDFsharp asks a process-wide resolver for font files; this one
/// answers every request with the bundled face.
/// </summary>
internal sealed class BundledFont : IFontResolver
{
    public const string Family = "Mamori Sans JP";
    private const string Face = "MamoriSansJP-Regular";

    private static readonly Lazy<byte[]> File = new(() =>
    {
        using var stream = typeof(BundledFont).Assembly.GetManifestResourceStream("Mamori.Fonts.MamoriSansJP.ttf")
            ?? throw new InvalidOperationException("The bundled font is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static readonly Lazy<bool> Registered = new(() =>
    {
        GlobalFontSettings.FontResolver = new BundledFont();
        return true;
    });

    public static void Register() => _ = Registered.Value;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Face);

    public byte[]? GetFont(string faceName) => File.Value;
}
