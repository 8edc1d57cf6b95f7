using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Mamori.Printing;

namespace Mamori.Tests.Fixtures;

/// <summary>Reads a PDF back as a person's viewer would: poppler's pdftotext and pdffonts (scripts/test.sh installs poppler-utils).</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf) => await RunAsync("pdftotext", pdf, "-layout", "{file}", "-");

    public static async Task<string> FontsAsync(byte[] pdf) => await RunAsync("pdffonts", pdf, "{file}");

    /// <summary>The pixel size of every image drawn in the PDF (poppler's pdfimages -list).</summary>
    public static async Task<IReadOnlyList<(int Width, int Height)>> ImagesAsync(byte[] pdf) =>
        (await RunAsync("pdfimages", pdf, "-list", "{file}")).Split('\n').Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.Length > 5 && c[2] == "image").Select(c => (int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture))).ToList();

    /// <summary>
    /// The PDF's text, as poppler reads it, is exactly the document's text (line breaks and the page footers aside),
    /// and the font had every character: nothing lost, added, reordered or drawn as a missing glyph.
    /// </summary>
    public static async Task AssertReadsAsMeantAsync(PrintDocument document, byte[] pdf)
    {
        Assert.Empty(document.MissingCharacters);
        var read = await ExtractAsync(pdf);
        var pages = read.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        var footer = Flat(LineBreaker.Visible(document.Footer));
        var body = new StringBuilder();
        for (var i = 0; i < pages.Count; i++)
        {
            var page = Flat(pages[i]);
            var number = $"{footer}{i + 1}/{pages.Count}";
            Assert.EndsWith(number, page);
            body.Append(page[..^number.Length]);
        }
        Assert.Equal(Flat(document.Text), body.ToString());
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s", "");

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mamori-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a == "{file}" ? file : a);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0 && errors.Length == 0, $"{tool} failed ({process.ExitCode}): {errors}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
