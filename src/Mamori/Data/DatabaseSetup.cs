using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrations = "Mamori.Migrations.Sqlite";
    public const string PostgresMigrations = "Mamori.Migrations.Postgres";

    /// <summary>Points the context at the configured database, with that provider's own migration set.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations)).AddInterceptors(SqliteBusyTimeout.Instance),
        DatabaseProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations)),
        _ => throw new InvalidOperationException($"Unknown database provider {provider}."),
    };

    /// <summary>
    /// WAL lets pages read while an answer is written. It is a property of the database file, so it is set
    /// once at start. SQLite's default synchronous=FULL stays: every acknowledged commit survives a power cut.
    /// </summary>
    public static async Task PrepareSqliteAsync(MamoriDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>SQLite's file lives under data/ by default; create the folder so the first start just works.</summary>
    public static void EnsureSqliteDirectory(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
