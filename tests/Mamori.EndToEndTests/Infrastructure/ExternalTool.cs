using System.Diagnostics;
using System.Text;

namespace Mamori.EndToEndTests.Infrastructure;

/// <summary>Runs the Debian tools a person would open the files with: LibreOffice for the .xlsx, poppler for the PDF.</summary>
public static class ExternalTool
{
    public static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds}s.");
        }
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stderr}\n{output}");
        }
        return output;
    }

    /// <summary>Converts a spreadsheet's first sheet to UTF-8 CSV with LibreOffice, in a profile of its own so parallel runs do not collide.</summary>
    public static async Task<string> SpreadsheetToCsvAsync(string xlsx, CancellationToken ct)
    {
        var outDir = Directory.CreateTempSubdirectory("mamori-lo-out-").FullName;
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync("soffice",
                [
                    $"-env:UserInstallation=file://{profile}",
                    "--headless", "--norestore", "--nolockcheck",
                    // 44 = comma, 34 = double quote, 76 = UTF-8.
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", outDir,
                    xlsx,
                ],
                TimeSpan.FromSeconds(120), ct);
            var csv = Path.Combine(outDir, Path.GetFileNameWithoutExtension(xlsx) + ".csv");
            if (!File.Exists(csv))
            {
                throw new FileNotFoundException($"LibreOffice wrote no {csv}.", csv);
            }
            return await File.ReadAllTextAsync(csv, Encoding.UTF8, ct);
        }
        finally
        {
            TryDelete(outDir);
            TryDelete(profile);
        }
    }

    /// <summary>Prints a spreadsheet to PDF with LibreOffice (as a person pressing 印刷 would get it); the PDF's path.</summary>
    public static async Task<string> SpreadsheetToPdfAsync(string xlsx, CancellationToken ct)
    {
        var outDir = Path.GetDirectoryName(xlsx)!;
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync("soffice", [$"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", outDir, xlsx],
                TimeSpan.FromSeconds(120), ct);
            var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(xlsx) + ".pdf");
            return File.Exists(pdf) ? pdf : throw new FileNotFoundException($"LibreOffice wrote no {pdf}.", pdf);
        }
        finally
        {
            TryDelete(profile);
        }
    }

    /// <summary>The text of a PDF, laid out as on the page.</summary>
    public static Task<string> PdfToTextAsync(string pdf, CancellationToken ct) =>
        RunAsync("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(60), ct);

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
