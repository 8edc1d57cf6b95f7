using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// HTTPS straight from Kestrel, in the spirit of the TLS暗号設定ガイドライン's 高セキュリティ型: TLS 1.3 and 1.2
/// only, and on TLS 1.2 only forward-secret AEAD suites. Certificates come from the standard Kestrel settings
/// (docs/operations.md).
/// </summary>
public static class Tls
{
    // Order is preference. TLS 1.3's own suites are all AEAD; listing them keeps them allowed on Linux.
    private static readonly TlsCipherSuite[] Suites =
    [
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    public static void Configure(KestrelServerOptions kestrel) => kestrel.ConfigureHttpsDefaults(https =>
    {
        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        // Windows takes its suites from the system policy (set it with IIS Crypto or Group Policy);
        // elsewhere OpenSSL honours this list.
        if (!OperatingSystem.IsWindows())
        {
            var policy = StrongSuites();
            https.OnAuthenticate = (_, options) => options.CipherSuitesPolicy = policy;
        }
    });

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static CipherSuitesPolicy StrongSuites() => new(Suites);
}
