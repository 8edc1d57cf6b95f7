using Mamori.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mamori.Tests.Fixtures;

/// <summary>A throwaway database owned by one fixture, removed when the fixture ends.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// Migrates an empty database the way the app does on start. Each fixture's database is a copy of one migrated
    /// per test run (a file copy, or PostgreSQL's CREATE DATABASE … TEMPLATE): running every migration again for each
    /// of the suite's ~80 fixtures took a large part of its time.
    /// </summary>
    protected static async Task MigrateAsync(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<MamoriDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        await using var db = new MamoriDbContext(options.Options);
        await DatabaseSetup.PrepareSqliteAsync(db);
        await db.Database.MigrateAsync();
    }
}

/// <summary>A SQLite file in a temp folder (not :memory:), so WAL and locking behave as in production.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mamori-tests", Guid.NewGuid().ToString("N"));

    private static readonly Lazy<Task<string>> Template = new(async () =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "mamori-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "mamori.db");
        await MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={path};Foreign Keys=True");
        // Closing the last connection checkpoints the WAL into the file, so the file alone is the whole database.
        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        return path;
    });

    private SqliteTestDatabase() => Directory.CreateDirectory(_directory);

    public static async Task<SqliteTestDatabase> CreateAsync()
    {
        var database = new SqliteTestDatabase();
        File.Copy(await Template.Value, Path.Combine(database._directory, "mamori.db"));
        return database;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(_directory, "mamori.db")};Foreign Keys=True;Default Timeout=30";

    public override async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await TempFolders.DeleteAsync(_directory);
    }
}

/// <summary>A uniquely named database on the server given by MAMORI_TEST_POSTGRES, dropped at the end.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string ServerVariable = "MAMORI_TEST_POSTGRES";
    public const string RequireVariable = "MAMORI_REQUIRE_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        _name = name;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    /// <summary>
    /// The server's base connection string, or null with the reason to skip. When the test script requires
    /// PostgreSQL (MAMORI_REQUIRE_POSTGRES=1) a missing server is an error, so CI cannot pass on SQLite alone.
    /// </summary>
    public static string? Server(out string? skipReason)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            skipReason = null;
            return server;
        }
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new InvalidOperationException(
                $"{RequireVariable}=1 but {ServerVariable} is not set: the PostgreSQL integration tests cannot run. " +
                $"Set {ServerVariable} to a base connection string such as Host=127.0.0.1;Port=5433;Username=postgres.");
        }
        skipReason = $"PostgreSQL tests skipped: {ServerVariable} is not set (e.g. Host=127.0.0.1;Port=5433;Username=postgres).";
        return null;
    }

    private static readonly Lock TemplateLock = new();
    private static Task<string>? _template;

    /// <summary>One migrated database per server and test run, which every fixture's database copies.</summary>
    private static Task<string> TemplateAsync(string server)
    {
        lock (TemplateLock)
        {
            return _template ??= Task.Run(async () =>
            {
                var template = new PostgresTestDatabase(server, "mamori_template_" + Guid.NewGuid().ToString("N"));
                await template.ExecuteOnServerAsync($"CREATE DATABASE \"{template._name}\"", CancellationToken.None);
                await MigrateAsync(DatabaseProvider.Postgres, template.ConnectionString);
                // A template must have no open connections while it is copied.
                NpgsqlConnection.ClearAllPools();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return template._name;
            });
        }
    }

    public static async Task<PostgresTestDatabase> CreateAsync(string server, CancellationToken ct)
    {
        var database = new PostgresTestDatabase(server, "mamori_test_" + Guid.NewGuid().ToString("N"));
        try
        {
            var template = await TemplateAsync(server);
            await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database._name}\" TEMPLATE \"{template}\"", ct);
        }
        catch (NpgsqlException e)
        {
            var where = new NpgsqlConnectionStringBuilder(server);
            throw new InvalidOperationException($"Could not create a test database on {where.Host}:{where.Port} ({ServerVariable}): {e.Message}", e);
        }
        return database;
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None);
    }

    private async Task ExecuteOnServerAsync(string sql, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// Removes a fixture's temp folder. A connection closing as the folder goes can still remove or create its -wal
/// and -shm files there (CI once failed a whole class on it), so a few tries, and then the folder is left to the
/// temp directory's cleaning: a leftover temp file is no failure of the behaviour under test.
/// </summary>
internal static class TempFolders
{
    public static async Task DeleteAsync(string directory)
    {
        for (var attempt = 1; Directory.Exists(directory); attempt++)
        {
            try
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"Could not remove the test folder {directory}: {e.Message}");
                return;
            }
        }
    }
}
