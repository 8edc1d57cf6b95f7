using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Fixtures;

/// <summary>
/// Runs the built `mamori` executable (the operator's CLI) as a separate process against a fixture's database,
/// configured through environment variables exactly as an operator would.
/// </summary>
public static class MamoriCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(MamoriApp app, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "mamori.exe" : "mamori"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Database__Provider"] = app.Provider.ToString();
        start.Environment["ConnectionStrings__Mamori"] = app.ConnectionString;
        // The same seal key and anchor file as the app under test, as an operator's configuration would give.
        var audit = app.Services.GetRequiredService<Mamori.Audit.AuditFiles>();
        start.Environment["Audit__KeyFile"] = audit.KeyFile;
        start.Environment["Audit__AnchorFile"] = audit.AnchorFile;
        // The apphost finds the runtime this test runs on, wherever the SDK is installed.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        }

        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("mamori did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin.AsMemory(), ct);
        }
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
