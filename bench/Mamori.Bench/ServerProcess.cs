using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mamori.Bench;

/// <summary>The real `mamori` executable as a child process, on the seeded database, as an operator would run it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LogSink _log;

    private ServerProcess(Process process, LogSink log, Uri address, long startedAt)
    {
        _process = process;
        _log = log;
        Address = address;
        StartedAt = startedAt;
    }

    public Uri Address { get; }

    /// <summary>Stopwatch timestamp taken just before the process was started.</summary>
    public long StartedAt { get; }

    public int Id => _process.Id;

    public static ServerProcess Start(string dll, string workingDirectory, string connectionString, string logPath)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        info.Environment["ConnectionStrings__Mamori"] = connectionString;
        info.Environment["Database__Provider"] = "Sqlite";
        // The bench sends every public campaign response from one address; the per-address limit would refuse most.
        info.Environment["RateLimits__ResponsesPerMinute"] = "10000000";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var log = new LogSink(logPath);
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, address, startedAt);
    }

    /// <summary>Polls until the URL answers 2xx; returns the time since process start. Polls every 5 ms so the number is not the poll period.</summary>
    public async Task<TimeSpan> WaitForAsync(HttpClient client, Func<HttpRequestMessage> request, TimeSpan timeout)
    {
        while (Stopwatch.GetElapsedTime(StartedAt) < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"server exited with code {_process.ExitCode}; see the server log");
            }
            try
            {
                using var message = request();
                using var response = await client.SendAsync(message);
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(StartedAt);
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(5);
        }
        throw new TimeoutException($"server did not answer within {timeout.TotalSeconds} s");
    }

    /// <summary>
    /// The server's proportional set size in MB (10^6 bytes), from /proc/&lt;pid&gt;/smaps_rollup: its private memory
    /// plus its share of what it maps together with other processes (the runtime's .so and .dll files), which is
    /// what it really costs a machine running several programs; VmRSS counts shared pages in full.
    /// </summary>
    public double ProportionalMegabytes()
    {
        var line = File.ReadAllLines($"/proc/{_process.Id}/smaps_rollup").First(l => l.StartsWith("Pss:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024 / 1e6;
    }

    /// <summary>SIGTERM, as systemd would stop it, so the host shuts down cleanly; SIGKILL if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _log.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server's console output, kept in a file next to the database for when something fails.</summary>
    private sealed class LogSink(string path) : IDisposable
    {
        private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
        private bool _closed;

        public void Write(string? line)
        {
            lock (_writer)
            {
                if (line is not null && !_closed)
                {
                    _writer.WriteLine(line);
                }
            }
        }

        public void Dispose()
        {
            lock (_writer)
            {
                _closed = true;
                _writer.Dispose();
            }
        }
    }
}

