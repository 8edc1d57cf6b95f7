namespace Mamori.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    // Foreign keys on; a 30 s busy timeout makes concurrent writers queue instead of failing.
    public const string DefaultSqlite = "Data Source=data/mamori.db;Foreign Keys=True;Default Timeout=30";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }
}
