using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Mamori.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Security;

/// <summary>With a certificate configured, the keys that sign cookies are stored encrypted: a copy of the database cannot forge a sign-in.</summary>
public abstract class KeyProtectionTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_keys_in_the_database_are_encrypted_with_the_certificate_and_sign_ins_still_work()
    {
        var user = await App.AddUserAsync(Role.Staff, await (await App.AdminApiAsync()).CreateFacilityAsync());
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(user);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("/")).Status);

        using var scope = App.Services.CreateScope();
        var keys = await scope.ServiceProvider.GetRequiredService<MamoriDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync(Ct);
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.Contains("encryptedSecret", k.Xml, StringComparison.Ordinal);
            Assert.Contains(KeyCertificate.PublicPart, k.Xml, StringComparison.Ordinal); // encrypted to this certificate
            Assert.DoesNotContain("<value>", k.Xml, StringComparison.Ordinal);
        });
    }
}

public sealed class SqliteKeyProtectionTests(SqliteKeyCertificateApp app) : KeyProtectionTests(app), IClassFixture<SqliteKeyCertificateApp>;

public sealed class PostgresKeyProtectionTests(PostgresKeyCertificateApp app) : KeyProtectionTests(app), IClassFixture<PostgresKeyCertificateApp>;

public sealed class KeyCertificateLoadingTests
{
    [Fact]
    public void A_missing_file_a_wrong_password_and_a_certificate_without_its_key_stop_the_start_with_a_clear_message()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => KeyProtection.Load("/nonexistent/keys.pfx", "x"));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<InvalidOperationException>(() => KeyProtection.Load(KeyCertificate.Path, "not-the-password"));
        Assert.Contains("could not be opened", wrong.Message, StringComparison.Ordinal);
        var publicOnly = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mamori-public-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(publicOnly, X509CertificateLoader.LoadPkcs12FromFile(KeyCertificate.Path, KeyCertificate.Password).Export(X509ContentType.Cert));
        try
        {
            Assert.Throws<InvalidOperationException>(() => KeyProtection.Load(publicOnly, null));
        }
        finally
        {
            File.Delete(publicOnly);
        }
    }
}

/// <summary>A self-signed RSA certificate made once per test run, as an operator makes one with openssl.</summary>
public static class KeyCertificate
{
    public const string Password = "pfx-Test-2026!";
    private static readonly Lazy<(string Path, string PublicPart)> Made = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Mamori test keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mamori-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return (path, Convert.ToBase64String(certificate.RawData));
    });

    public static string Path => Made.Value.Path;
    public static string PublicPart => Made.Value.PublicPart;

    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["DataProtection:CertificatePath"] = Path,
        ["DataProtection:CertificatePassword"] = Password,
    };
}

public sealed class SqliteKeyCertificateApp : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings => KeyCertificate.Settings;

    protected override Task<(TestDatabase? Database, string? SkipReason)> CreateDatabaseAsync(CancellationToken ct) => SqliteDatabaseAsync();
}

public sealed class PostgresKeyCertificateApp : MamoriApp
{
    protected override IReadOnlyDictionary<string, string> Settings => KeyCertificate.Settings;

    protected override Task<(TestDatabase? Database, string? SkipReason)> CreateDatabaseAsync(CancellationToken ct) => PostgresDatabaseAsync(ct);
}
