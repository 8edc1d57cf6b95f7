using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Mamori.EndToEndTests.Infrastructure;

/// <summary>
/// The built app as an operator starts it: `dotnet mamori.dll --urls …` in an empty directory (so SQLite lives at
/// data/mamori.db there), keeping the one-time setup URL it prints on its first start.
/// </summary>
public sealed partial class MamoriServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<string> _setupUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MamoriServer(Process process, string workDirectory, Uri baseUrl)
    {
        _process = process;
        WorkDirectory = workDirectory;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string WorkDirectory { get; }

    /// <summary>The first-start link from the console, e.g. http://127.0.0.1:41234/setup?code=ABCD-EFGH-JKLM-NPQR.</summary>
    public string SetupUrl { get; private set; } = "";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<MamoriServer> StartAsync()
    {
        var dll = RepoPaths.AppDll();
        var work = Directory.CreateTempSubdirectory("mamori-e2e-").FullName;
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        start.Environment["Database__Provider"] = "Sqlite";
        // The default connection string (data/mamori.db under the working directory) is the point of the exercise.
        start.Environment.Remove("ConnectionStrings__Mamori");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Every test signs in from 127.0.0.1; the per-address limit on sign-in posts is tested in Mamori.Tests.
        start.Environment["RateLimits__SignInPerMinute"] = "100000";
        // The address staff open, as an installer sets it; here the "phone" is the test's own browser on this machine
        // (the page refuses loopback addresses, so configuration it is).
        start.Environment["Campaigns__PublicBaseUrl"] = baseUrl.ToString().TrimEnd('/');

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new MamoriServer(process, work, baseUrl);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._setupUrl.TrySetException(
            new InvalidOperationException($"mamori exited with code {process.ExitCode} before printing the setup URL:\n{server.Log}"));

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.SetupUrl = await server._setupUrl.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"mamori printed no setup URL within {StartTimeout.TotalSeconds}s:\n{server.Log}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
        if (SetupUrlLine().Match(line) is { Success: true } m)
        {
            _setupUrl.TrySetResult(m.Groups["url"].Value);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    // SetupLink prints the URL alone on its line: " http://host:port/setup?code=XXXX-XXXX-XXXX-XXXX".
    [GeneratedRegex(@"^\s*(?<url>https?://\S+/setup\?code=[A-Za-z0-9-]+)\s*$")]
    private static partial Regex SetupUrlLine();
}
