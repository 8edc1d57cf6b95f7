using System.Security.Cryptography;
using System.Text;
using Mamori.Data;
using Microsoft.Data.Sqlite;

namespace Mamori.Audit;

/// <summary>
/// Where the access log's seal key and anchors live: outside the database, so a copy or an editor of the database
/// can neither forge a sealed entry nor rewrite the heads written down. Both default to files next to the SQLite
/// database (data/ for PostgreSQL): Audit:KeyFile, Audit:AnchorFile.
/// </summary>
public sealed record AuditFiles(string KeyFile, string AnchorFile)
{
    public static AuditFiles Resolve(DatabaseProvider provider, string connectionString, string? keyFile = null, string? anchorFile = null)
    {
        var database = provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(connectionString).DataSource : null;
        var basePath = database is { Length: > 0 } && database != ":memory:" && !database.StartsWith("file:", StringComparison.Ordinal)
            ? Path.GetFullPath(database)
            : Path.GetFullPath(Path.Combine("data", "mamori.db"));
        return new AuditFiles(
            Path.GetFullPath(string.IsNullOrWhiteSpace(keyFile) ? Path.ChangeExtension(basePath, ".audit-key") : keyFile),
            Path.GetFullPath(string.IsNullOrWhiteSpace(anchorFile) ? Path.ChangeExtension(basePath, ".audit-anchors") : anchorFile));
    }
}

/// <summary>The HMAC-SHA256 key that seals every access-log entry; 32 random bytes, made on first start if absent.</summary>
public sealed class AuditKey
{
    private const int Length = 32;
    private readonly byte[] _key;

    private AuditKey(byte[] key) => _key = key;

    public static AuditKey Load(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }
        var key = File.ReadAllBytes(path);
        for (var wait = 0; key.Length == 0 && wait < 20; wait++)
        {
            // Created this instant by another process that has not written it yet.
            Thread.Sleep(50);
            key = File.ReadAllBytes(path);
        }
        return key.Length >= Length
            ? new AuditKey(key)
            : throw new InvalidOperationException($"The access-log key file {path} holds {key.Length} bytes, not {Length}: restore it from its backup.");
    }

    /// <summary>For tests and tools that need a key without a file.</summary>
    public static AuditKey FromBytes(byte[] key) => new(key);

    public string Seal(string content) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(content)));

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only from the moment it exists: nobody else on the server may read the key.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var file = new FileStream(path, options);
            file.Write(RandomNumberGenerator.GetBytes(Length));
            file.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (a second node on the same disk, the CLI) made it first: use theirs.
        }
    }
}
