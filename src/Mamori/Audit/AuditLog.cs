using Mamori.Accounts;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Audit;

/// <summary>Where a request came from, for the log; the web host fills it per request, the CLI says "cli".</summary>
public sealed class AuditClient
{
    public string? Address { get; set; } = "cli";
    public string? UserAgent { get; set; }
}

/// <summary>
/// Writes the access log. <see cref="Record"/> queues an entry on the request's context; the context's next
/// SaveChanges appends it to the chain in the same transaction as the change it describes (<see cref="AuditSaving"/>),
/// so a change is never saved without its entry, nor an entry without its change.
/// </summary>
public sealed class AuditLog(MamoriDbContext db, AuditClient client, IServiceScopeFactory scopes)
{
    public void Record(Actor actor, string action, string? targetKind = null, object? targetId = null, AuditResult result = AuditResult.Success, string? detail = null) =>
        db.QueuedAudit.Add(Entry(actor, action, targetKind, targetId, result, detail));

    /// <summary>
    /// An entry that keeps no client address or user agent: an anonymous staff response, where the address of the
    /// ward PC or the phone would say who answered.
    /// </summary>
    public void RecordWithoutClient(Actor actor, string action, string? targetKind = null, object? targetId = null, string? detail = null)
    {
        var entry = Entry(actor, action, targetKind, targetId, AuditResult.Success, detail);
        entry.Client = null;
        entry.UserAgent = null;
        db.QueuedAudit.Add(entry);
    }

    /// <summary>
    /// Writes an entry at once on a context of its own: for a refusal or a sign-in event, which is logged whatever the
    /// caller's unit of work then does, without saving (or throwing away) what the caller has changed so far.
    /// </summary>
    public async Task WriteAsync(Actor actor, string action, string? targetKind, object? targetId, AuditResult result, string? detail = null, CancellationToken ct = default)
    {
        var entry = Entry(actor, action, targetKind, targetId, result, detail);
        await using var scope = scopes.CreateAsyncScope();
        var apart = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        apart.QueuedAudit.Add(entry);
        await apart.SaveChangesAsync(ct);
    }

    private AuditEntry Entry(Actor actor, string action, string? targetKind, object? targetId, AuditResult result, string? detail) =>
        new()
        {
            UserId = actor.UserId,
            UserName = actor.Name,
            Vendor = actor.Roles.Count > 0 && actor.Roles.All(r => r.Role == Role.Vendor),
            Action = action,
            Chain = AuditChain.ChainOf(actor, targetKind, targetId?.ToString()),
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
    /// Retention: removes each chain's entries written before <paramref name="cutoff"/> (never its newest) and, in the
    /// same transaction, appends to that chain a sealed "audit.prune" entry naming the first remaining entry and the
    /// hash it follows, which is where <see cref="AuditVerifier"/> then starts the chain. Returns how many entries were removed.
    /// </summary>
    public async Task<int> PruneBeforeAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var chains = await db.AuditEntries.Select(e => e.Chain).Distinct().ToListAsync(ct);
        // Holding the chains' locks from the start: no entry can be appended between choosing what goes and deleting it.
        await AuditChain.LockAsync(db, chains, ct);
        var removed = 0;
        foreach (var chain in chains)
        {
            var newest = await db.AuditEntries.Where(e => e.Chain == chain).MaxAsync(e => (long?)e.Number, ct) ?? 0;
            var last = await db.AuditEntries.Where(e => e.Chain == chain && e.At < cutoff && e.Number < newest).MaxAsync(e => (long?)e.Number, ct);
            if (last is not { } through)
            {
                continue;
            }
            var restart = await db.AuditEntries.AsNoTracking().Where(e => e.Chain == chain && e.Number > through).OrderBy(e => e.Number)
                .Select(e => new { e.Number, e.PreviousHash }).FirstAsync(ct);
            var count = await db.AuditEntries.Where(e => e.Chain == chain && e.Number <= through).ExecuteDeleteAsync(ct);
            removed += count;
            var entry = Entry(Actor.System, PruneAction, "audit-entry", restart.Number, AuditResult.Success,
                $"previous={restart.PreviousHash} removed={count} before={cutoff.UtcDateTime:O}");
            entry.Chain = chain;
            db.QueuedAudit.Add(entry);
        }
        if (removed == 0)
        {
            return 0;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }

    /// <summary>
    /// After a restore from backup the anchor file is ahead of the database: the operator says so
    /// (`mamori audit restored`), and each chain the anchor is ahead of gets a sealed "audit.restore" entry naming the
    /// anchored head that was lost, which <see cref="AuditVerifier"/> then accepts instead of reporting truncation.
    /// Returns the chains marked.
    /// </summary>
    public async Task<IReadOnlyList<string>> RestoredAsync(IReadOnlyList<AuditAnchor> latestAnchors, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AuditChain.LockAsync(db, latestAnchors.Select(a => a.Chain), ct);
        var marked = new List<string>();
        foreach (var anchor in latestAnchors)
        {
            var first = await db.AuditEntries.Where(e => e.Chain == anchor.Chain).MinAsync(e => (long?)e.Number, ct);
            var same = await db.AuditEntries.AnyAsync(e => e.Chain == anchor.Chain && e.Number == anchor.Count && e.Hash == anchor.Hash, ct);
            if (same || first > anchor.Count)
            {
                // The database holds the anchored head (or pruned it since): nothing was lost here.
                continue;
            }
            var entry = Entry(Actor.System, RestoreAction, "audit-chain", anchor.Chain, AuditResult.Success, anchor.Describe());
            entry.Chain = anchor.Chain;
            db.QueuedAudit.Add(entry);
            marked.Add(anchor.Chain);
        }
        if (marked.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return marked;
    }

    public const string PruneAction = "audit.prune";

    public const string RestoreAction = "audit.restore";
}
