using System.Diagnostics;
using System.Text;

namespace Mamori.Tests.Fixtures;

/// <summary>Reads a PDF back as a person's viewer would: poppler's pdftotext and pdffonts (scripts/test.sh installs poppler-utils).</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf) => await RunAsync("pdftotext", pdf, "-layout", "{file}", "-");

    public static async Task<string> FontsAsync(byte[] pdf) => await RunAsync("pdffonts", pdf, "{file}");

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
