using Mamori.Accounts;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

/// <summary>Where a request came from, for the log; the web host fills it per request, the CLI says "cli".</summary>
public sealed class AuditClient
{
    public string? Address { get; set; } = "cli";
    public string? UserAgent { get; set; }
}

/// <summary>
/// Appends to the access log. Entries are queued during a request and written by <see cref="SaveAsync"/> in
/// the same transaction as the change they describe, under a lock so that the chain has one order even
/// when several app nodes write at once. Entries that describe no change (a view, a refusal) are handed to
/// <see cref="GroupCommit"/>, which commits everything queued at that moment together.
/// </summary>
public sealed class AuditLog(MamoriDbContext db, TimeProvider clock, AuditClient client, GroupCommit commits)
{
    private const long PostgresLockKey = 0x6D616D6F7269; // "mamori"
    private readonly List<AuditEntry> _pending = [];

    public void Record(Actor actor, string action, string? targetKind = null, object? targetId = null, AuditResult result = AuditResult.Success, string? detail = null) =>
        _pending.Add(Entry(actor, action, targetKind, targetId, result, detail));

    /// <summary>An entry for this request that is not queued here: for a change handed to <see cref="GroupCommit.ChangeAsync"/>.</summary>
    public AuditEntry Entry(Actor actor, string action, string? targetKind = null, object? targetId = null, AuditResult result = AuditResult.Success, string? detail = null) =>
        new()
        {
            UserId = actor.UserId,
            UserName = actor.Name,
            Vendor = actor.Roles.Count > 0 && actor.Roles.All(r => r.Role == Role.Vendor),
            Action = action,
            TargetKind = targetKind,
            TargetId = targetId?.ToString(),
            Result = result,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
            Client = client.Address,
            UserAgent = client.UserAgent is { Length: > 300 } ua ? ua[..300] : client.UserAgent,
            PreviousHash = "",
            Hash = "",
        };

    /// <summary>
    /// Saves the context's changes and the queued entries atomically. With no change to save, the entries go
    /// to the shared batch: still committed (and fsynced) before this returns, but one commit serves every
    /// request logging at that moment instead of one each.
    /// </summary>
    public async Task SaveAsync(CancellationToken ct = default)
    {
        if (_pending.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        if (db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges())
        {
            var entries = _pending.ToArray();
            _pending.Clear();
            await commits.AppendAsync(entries, ct);
            return;
        }
        await AppendAsync(null, ct);
    }

    /// <summary>
    /// Retention: removes the entries written before <paramref name="cutoff"/> (never the newest) and, in the same
    /// transaction, appends an "audit.prune" entry naming the first remaining entry and the hash it follows, which is
    /// where <see cref="AuditVerifier"/> then starts the chain. Returns how many entries were removed.
    /// </summary>
    public async Task<int> PruneBeforeAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        var removed = 0;
        await AppendAsync(async () =>
        {
            var newest = await db.AuditEntries.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            var last = await db.AuditEntries.Where(e => e.At < cutoff && e.Id < newest).MaxAsync(e => (long?)e.Id, ct);
            if (last is not { } through)
            {
                return;
            }
            var restart = await db.AuditEntries.AsNoTracking().Where(e => e.Id > through).OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.PreviousHash }).FirstAsync(ct);
            removed = await db.AuditEntries.Where(e => e.Id <= through).ExecuteDeleteAsync(ct);
            Record(Actor.System, PruneAction, "audit-entry", restart.Id,
                detail: $"previous={restart.PreviousHash} removed={removed} before={cutoff.UtcDateTime:O}");
        }, ct);
        return removed;
    }

    public const string PruneAction = "audit.prune";

    private Task AppendAsync(Func<Task>? first, CancellationToken ct) => InAppendLockAsync(db, async () =>
    {
        if (first is not null)
        {
            await first();
        }
        if (_pending.Count == 0)
        {
            return;
        }
        await AddToChainAsync(db, _pending, clock.GetUtcNow(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // The entries stay queued for a retry with fresh ids; the context must not keep them.
            foreach (var entry in _pending)
            {
                db.Entry(entry).State = EntityState.Detached;
            }
            throw;
        }
    }, () => _pending.Clear(), ct);

    /// <summary>
    /// Runs <paramref name="body"/> in a transaction holding the append lock and commits; <paramref name="committed"/>
    /// runs after the commit. A failure rolls back explicitly: a request's connection stays open until the request
    /// ends, and only the rollback (not the transaction's disposal) tells <see cref="SqliteWriteGate"/> the write lock is free.
    /// </summary>
    internal static Task InAppendLockAsync(MamoriDbContext db, Func<Task> body, Action? committed, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await LockAsync(db, ct);
                await body();
                await transaction.CommitAsync(ct);
            }
            catch
            {
                await transaction.RollbackAsync(CancellationToken.None);
                throw;
            }
            committed?.Invoke();
        });
    }

    /// <summary>
    /// Gives the entries their place in the chain and adds them to the context. The caller holds the append lock
    /// (<see cref="InAppendLockAsync"/>) and saves.
    /// </summary>
    internal static async Task AddToChainAsync(MamoriDbContext db, IEnumerable<AuditEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
        var id = last?.Id ?? 0;
        var previous = last?.Hash ?? AuditChain.Genesis;
        // Whole milliseconds: PostgreSQL keeps microseconds and SQLite 100 µs, so the hash verifies after a round trip on both.
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        foreach (var entry in entries)
        {
            entry.Id = ++id;
            entry.At = now;
            entry.PreviousHash = previous;
            entry.Hash = AuditChain.HashOf(entry);
            previous = entry.Hash;
            db.AuditEntries.Add(entry);
        }
    }

    /// <summary>One writer at a time appends to the chain: a PostgreSQL advisory lock, or SQLite's single write lock.</summary>
    private static async Task LockAsync(MamoriDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
        }
        // On SQLite the transaction is BEGIN IMMEDIATE: it already holds the only write lock.
    }
}
