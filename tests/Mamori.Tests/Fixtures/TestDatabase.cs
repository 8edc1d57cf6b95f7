using Mamori.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mamori.Tests.Fixtures;

/// <summary>A throwaway database owned by one fixture, removed when the fixture ends.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file in a temp folder (not :memory:), so WAL and locking behave as in production.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mamori-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase() => Directory.CreateDirectory(_directory);

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(_directory, "mamori.db")};Foreign Keys=True;Default Timeout=30";

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
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

    public static async Task<PostgresTestDatabase> CreateAsync(string server, CancellationToken ct)
    {
        var database = new PostgresTestDatabase(server, "mamori_test_" + Guid.NewGuid().ToString("N"));
        try
        {
            await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database._name}\"", ct);
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
