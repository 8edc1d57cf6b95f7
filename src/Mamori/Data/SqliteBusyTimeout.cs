using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mamori.Data;

/// <summary>
/// SQLite lets one writer in at a time. With a busy timeout set on the connection, SQLite itself waits for the
/// write lock in short sleeps; without it Microsoft.Data.Sqlite retries every 150 ms, which under concurrent saves
/// put hundreds of milliseconds on a request that only waited for a commit of a few. A setting of the native
/// connection, made (a plain C call, no statement) each time EF opens one.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static SqliteBusyTimeout Instance { get; } = new();

    private const int Milliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private static void Set(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
        }
    }
}
