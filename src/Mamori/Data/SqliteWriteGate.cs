using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mamori.Data;

/// <summary>
/// SQLite takes one writer at a time. When a write finds the lock taken, Microsoft.Data.Sqlite does not wait on
/// the lock: it sleeps 150 ms and tries again, blocking a thread-pool thread meanwhile. Under concurrent saves
/// that made p99 hundreds of milliseconds (docs/benchmarks.md). This queues this process's writers on the same
/// database instead, so each waits only for the commits ahead of it. It gates SaveChanges outside a transaction
/// and every transaction (BEGIN IMMEDIATE takes the write lock at once); the gate is released when the save or
/// the transaction ends, or at the latest when the context closes its connection. Durability is unchanged:
/// every commit still runs, and fsyncs, on its own. Writers in other processes still meet the busy retry.
/// </summary>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, ISaveChangesInterceptor, IDbConnectionInterceptor
{
    public static SqliteWriteGate Instance { get; } = new();

    // A writer that waits longer than SQLite's busy timeout goes ahead and meets the busy retry, so a gate that
    // was somehow never released slows writes down instead of stopping them.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbContext, Hold> _held = [];

    private sealed record Hold(SemaphoreSlim Gate, bool BySave);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            Acquire(context, bySave: true);
        }
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            await AcquireAsync(context, bySave: true, cancellationToken);
        }
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context, bySave: true);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, bySave: true);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context, bySave: true);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, bySave: true);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context, bySave: true);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, bySave: true);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (eventData.Context is { } context)
        {
            Acquire(context, bySave: false);
        }
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await AcquireAsync(context, bySave: false, cancellationToken);
        }
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context, bySave: false);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, bySave: false);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context, bySave: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, bySave: false);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => ReleaseIfEnded(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseIfEnded(eventData.Context);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (an exception on the way) is rolled back by SQLite, and
    // the context closes the connection it opened for it: the gate opens there at the latest.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => ReleaseAny(eventData.Context);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseAny(eventData.Context);
        return Task.CompletedTask;
    }

    private void Acquire(DbContext context, bool bySave)
    {
        if (!_held.TryGetValue(context, out _) && GateFor(context) is { } gate && gate.Wait(MaxWait))
        {
            _held.AddOrUpdate(context, new Hold(gate, bySave));
        }
    }

    private async ValueTask AcquireAsync(DbContext context, bool bySave, CancellationToken ct)
    {
        if (!_held.TryGetValue(context, out _) && GateFor(context) is { } gate && await gate.WaitAsync(MaxWait, ct))
        {
            _held.AddOrUpdate(context, new Hold(gate, bySave));
        }
    }

    /// <summary>A save releases only the gate it took, not the one of a transaction it runs inside, and vice versa.</summary>
    private void Release(DbContext? context, bool bySave)
    {
        if (context is not null && _held.TryGetValue(context, out var hold) && hold.BySave == bySave)
        {
            _held.Remove(context);
            hold.Gate.Release();
        }
    }

    private void ReleaseIfEnded(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Release(context, bySave: false);
        }
    }

    /// <summary>A closed connection holds no SQLite lock, whoever took the gate.</summary>
    private void ReleaseAny(DbContext? context)
    {
        if (context is not null && _held.TryGetValue(context, out var hold))
        {
            _held.Remove(context);
            hold.Gate.Release();
        }
    }

    /// <summary>One gate per database (connection string); nothing for other providers.</summary>
    private static SemaphoreSlim? GateFor(DbContext context) =>
        context.Database.GetDbConnection() is SqliteConnection connection
            ? Gates.GetOrAdd(connection.ConnectionString, _ => new SemaphoreSlim(1, 1))
            : null;
}
