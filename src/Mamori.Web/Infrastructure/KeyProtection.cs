using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// The Data Protection keys (which sign the sign-in cookies and encrypt the authenticator secrets) live in the
/// database so every node shares them; with `DataProtection:CertificatePath` (a PFX) and
/// `DataProtection:CertificatePassword` they are stored encrypted with that certificate, so a copy of the database or
/// of a backup cannot forge a sign-in. A certificate rather than DPAPI: DPAPI ties the keys to one machine, which
/// breaks several nodes and every restore onto another server. The certificate is kept apart from the data
/// (docs/operations.md).
/// </summary>
public static class KeyProtection
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["DataProtection:CertificatePath"] is not { Length: > 0 } path)
        {
            return;
        }
        services.AddDataProtection().ProtectKeysWithCertificate(Load(path, configuration["DataProtection:CertificatePassword"]));
    }

    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: the file {path} does not exist.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: {path} could not be opened as a PFX with DataProtection:CertificatePassword ({e.Message}).", e);
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: {path} has no RSA private key; the keys could not be read back.");
        }
        return certificate;
    }
}
