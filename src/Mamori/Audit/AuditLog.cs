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
    /// Retention: removes the entries written before <paramref name="cutoff"/> (never the newest) and, in the same
    /// transaction, appends an "audit.prune" entry naming the first remaining entry and the hash it follows, which is
    /// where <see cref="AuditVerifier"/> then starts the chain. Returns how many entries were removed.
    /// </summary>
    public async Task<int> PruneBeforeAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Holding the chain's lock from the start: no entry can be appended between choosing what goes and deleting it.
        await AuditChain.LockAsync(db, ct);
        var newest = await db.AuditEntries.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var last = await db.AuditEntries.Where(e => e.At < cutoff && e.Id < newest).MaxAsync(e => (long?)e.Id, ct);
        if (last is not { } through)
        {
            return 0;
        }
        var restart = await db.AuditEntries.AsNoTracking().Where(e => e.Id > through).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.PreviousHash }).FirstAsync(ct);
        var removed = await db.AuditEntries.Where(e => e.Id <= through).ExecuteDeleteAsync(ct);
        Record(Actor.System, PruneAction, "audit-entry", restart.Id,
            detail: $"previous={restart.PreviousHash} removed={removed} before={cutoff.UtcDateTime:O}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }

    public const string PruneAction = "audit.prune";
}
