using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mamori.Tests.Security;

/// <summary>
/// HTTPS straight from Kestrel, as an operator configures it (docs/operations.md): TLS 1.3 and 1.2 only, only
/// forward-secret AEAD suites on 1.2, and HSTS. Runs the built `mamori` with a throwaway certificate and asks
/// OpenSSL's own client what it can negotiate.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mamori-tls-").FullName;
    private Process? _server;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=mamori.example", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        await File.WriteAllTextAsync(Path.Combine(_dir, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_dir, "key.pem"), key.ExportPkcs8PrivateKeyPem());

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "mamori.exe" : "mamori"))
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{_port}";
        start.Environment["Kestrel__Endpoints__Https__Certificate__Path"] = Path.Combine(_dir, "cert.pem");
        start.Environment["Kestrel__Endpoints__Https__Certificate__KeyPath"] = Path.Combine(_dir, "key.pem");
        start.Environment["ConnectionStrings__Mamori"] = $"Data Source={Path.Combine(_dir, "mamori.db")}";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        }
        _server = Process.Start(start) ?? throw new InvalidOperationException("mamori did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        using var client = Client();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"https://127.0.0.1:{_port}/healthz"), TestContext.Current.CancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
        throw new InvalidOperationException("mamori did not answer over HTTPS.");
    }

    public ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }
        _server?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("-tls1_3", "", true)]
    [InlineData("-tls1_2", "ECDHE-ECDSA-AES128-GCM-SHA256", true)]
    [InlineData("-tls1_2", "ECDHE-ECDSA-CHACHA20-POLY1305", true)]
    [InlineData("-tls1_2", "ECDHE-ECDSA-AES128-SHA256", false)]
    [InlineData("-tls1_2", "ECDHE-ECDSA-AES256-SHA", false)]
    [InlineData("-tls1_1", "", false)]
    public async Task Only_modern_protocols_and_suites_are_negotiated(string protocol, string cipher, bool accepted)
    {
        var args = new List<string> { "s_client", "-connect", $"127.0.0.1:{_port}", protocol };
        if (cipher.Length > 0)
        {
            args.AddRange(["-cipher", cipher]);
        }
        var output = await OpenSslAsync(args);
        var negotiated = output.Contains("Cipher is ", StringComparison.Ordinal) && !output.Contains("Cipher is (NONE)", StringComparison.Ordinal);
        Assert.True(negotiated == accepted, $"openssl {string.Join(' ', args)}:\n{output}");
    }

    [Fact]
    public async Task Https_responses_carry_hsts()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://127.0.0.1:{_port}/login"));
        // HSTS is never sent for localhost names; ask as a real host name would.
        request.Headers.Host = "mamori.example";
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    private static HttpClient Client() => new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });

    private static async Task<string> OpenSslAsync(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return await output + await error;
    }
}
