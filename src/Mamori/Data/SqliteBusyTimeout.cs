using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mamori.Data;

/// <summary>
/// SQLite lets one writer in at a time. With a busy timeout set on the connection, SQLite itself waits for the
/// write lock in short sleeps; without it Microsoft.Data.Sqlite retries every 150 ms, which under concurrent saves
/// put hundreds of milliseconds on a request that only waited for a commit of a few. A setting of the connection,
/// so it is made each time one is opened.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static SqliteBusyTimeout Instance { get; } = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
