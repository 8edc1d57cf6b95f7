using System.Runtime.CompilerServices;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mamori.Audit;

/// <summary>
/// The unit of work's last step, in SaveChanges: each changed record's revision moves on (the If-Match checks of
/// pages and API compare it) and it is stamped with who and when from the access-log entry queued with the change,
/// and the access-log entries queued on the context are appended to their chains, in the
/// transaction that saves the change. A save without a transaction of its own gets one here, held from the chain's
/// locks to the commit, so the entries' order in each chain is the order of the commits. Entries saved with no change
/// (a view) go to <see cref="AuditBatches"/> instead, which commits them with the others of that moment.
/// </summary>
public sealed class AuditSaving(TimeProvider clock, AuditBatches batches, AuditKey key) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _opened = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is MamoriDbContext db && Prepare(db))
        {
            if (db.Database.CurrentTransaction is null)
            {
                _opened.AddOrUpdate(db, db.Database.BeginTransaction());
            }
            AuditChain.Lock(db, db.QueuedAudit);
            AuditChain.Add(db, key, AuditChain.Heads(db, db.QueuedAudit), db.QueuedAudit, Stamp(db));
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MamoriDbContext db && Prepare(db))
        {
            if (db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges())
            {
                // Entries of no change (views, exports): committed together with the others of this moment.
                AuditEntry[] entries = [.. db.QueuedAudit];
                db.QueuedAudit.Clear();
                await batches.AppendAsync(entries, cancellationToken);
                return InterceptionResult<int>.SuppressWithResult(0);
            }
            if (db.Database.CurrentTransaction is null)
            {
                _opened.AddOrUpdate(db, await db.Database.BeginTransactionAsync(cancellationToken));
            }
            await AuditChain.LockAsync(db, db.QueuedAudit, cancellationToken);
            AuditChain.Add(db, key, await AuditChain.HeadsAsync(db, db.QueuedAudit, cancellationToken), db.QueuedAudit, Stamp(db));
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is MamoriDbContext db)
        {
            db.QueuedAudit.Clear();
            if (_opened.TryGetValue(db, out var transaction))
            {
                _opened.Remove(db);
                using (transaction)
                {
                    transaction.Commit();
                }
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MamoriDbContext db)
        {
            db.QueuedAudit.Clear();
            if (_opened.TryGetValue(db, out var transaction))
            {
                _opened.Remove(db);
                await using (transaction)
                {
                    // Not the caller's token: the change is saved; only the commit makes it so.
                    await transaction.CommitAsync(CancellationToken.None);
                }
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context)?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Abandon(eventData.Context) is { } transaction)
        {
            await transaction.DisposeAsync();
        }
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context)?.Dispose();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Abandon(eventData.Context) is { } transaction)
        {
            await transaction.DisposeAsync();
        }
    }

    /// <summary>Moves changed records' revisions on; true when there are entries to append.</summary>
    private static bool Prepare(MamoriDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries<IRevised>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Revision = entry.OriginalValues.GetValue<int>(nameof(IRevised.Revision)) + 1;
            }
        }
        return db.QueuedAudit.Count > 0;
    }

    /// <summary>
    /// Stamps the changed records with the actor of the entries and the time they are appended at, which is taken
    /// under the chain's lock so the log's times follow its order.
    /// </summary>
    private DateTimeOffset Stamp(MamoriDbContext db)
    {
        var now = AuditChain.Time(clock.GetUtcNow());
        var by = db.QueuedAudit[^1];
        foreach (var entry in db.ChangeTracker.Entries<IStamped>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Stamp(now, by.UserId, by.UserName);
            }
        }
        return now;
    }

    /// <summary>
    /// A failed save describes no change: its entries are dropped (a refusal is logged apart, AuditLog.WriteAsync).
    /// Returns the transaction opened here, for the caller to dispose, which rolls it back and frees the write lock.
    /// </summary>
    private IDbContextTransaction? Abandon(DbContext? context)
    {
        if (context is not MamoriDbContext db)
        {
            return null;
        }
        foreach (var entry in db.QueuedAudit)
        {
            db.Entry(entry).State = EntityState.Detached;
        }
        db.QueuedAudit.Clear();
        if (!_opened.TryGetValue(db, out var transaction))
        {
            return null;
        }
        _opened.Remove(db);
        return transaction;
    }
}
