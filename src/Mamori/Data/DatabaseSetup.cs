using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrations = "Mamori.Migrations.Sqlite";
    public const string PostgresMigrations = "Mamori.Migrations.Postgres";

    /// <summary>
    /// Points the context at the configured database, with that provider's own migration set and compiled model.
    /// The design-time tools pass <paramref name="compiledModel"/> false: they build the model from the entity
    /// classes, which is what a new migration or a new compiled model is made from.
    /// </summary>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, bool compiledModel = true)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                _ = ProcessSettings.Value;
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations)).AddInterceptors(SqliteWriteGate.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {provider}.");
        }
        if (compiledModel && CompiledModels[provider].Value is { } model)
        {
            builder.UseModel(model);
        }
    }

    /// <summary>
    /// Building the model from the entity classes took about 0.7 s of every cold start (docs/benchmarks.md), so
    /// each provider's migration assembly carries a compiled model (`scripts/update-model.sh` writes it) and the
    /// context uses that one. ModelTests fail when it no longer matches the entity classes; without one, the
    /// context builds the model as before, only slower.
    /// </summary>
    private static readonly Dictionary<DatabaseProvider, Lazy<IModel?>> CompiledModels = new()
    {
        [DatabaseProvider.Sqlite] = new(() => FindCompiledModel(SqliteMigrations)),
        [DatabaseProvider.Postgres] = new(() => FindCompiledModel(PostgresMigrations)),
    };

    /// <summary>The compiled model a migration assembly declares for <see cref="MamoriDbContext"/>, if any.</summary>
    public static IModel? FindCompiledModel(string migrationsAssembly)
    {
        var declared = Assembly.Load(migrationsAssembly).GetCustomAttribute<DbContextModelAttribute>();
        if (declared?.ContextType != typeof(MamoriDbContext))
        {
            return null;
        }
        return (IModel?)declared.ModelType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
    }

    /// <summary>
    /// SQLite's process-wide settings, made once before its first connection (if something opened one earlier,
    /// SQLite refuses the mode and stays serialized, which is slower but just as correct).
    /// Multi-thread mode: the bundled SQLite is built "serialized", so every call, down to reading one column,
    /// takes the connection's mutex. ADO.NET never shares a connection between threads at once, so multi-thread
    /// mode is as safe and spares that lock on every column of every row (about 6% of a round's read).
    /// A memory limit: every pooled connection keeps its own page cache (up to 2 MB), and in WAL mode each throws
    /// its cache away whenever another connection has committed, here after nearly every request (the access
    /// log). One limit for all of SQLite's memory keeps those caches small: in the benchmark private memory fell by
    /// ~50 MB, and pages and saves got faster, as a small cache is quicker to reset (docs/benchmarks.md).
    /// </summary>
    private static readonly Lazy<int> ProcessSettings = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        var result = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
        _ = SQLitePCL.raw.sqlite3_soft_heap_limit64(MemoryLimitBytes);
        return result;
    });

    private const long MemoryLimitBytes = 16 * 1024 * 1024;

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
