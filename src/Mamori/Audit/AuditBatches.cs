using System.Threading.Channels;
using Mamori.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Audit;

/// <summary>
/// Access-log entries that describe no change (a page view, an export, a sign-in) are committed together: one writer
/// takes everything queued at that moment and appends it to the chain in one transaction, and each caller waits until
/// its entries are committed. Every view is logged, and on SQLite one commit (one fsync, one turn of the single write
/// lock) per view held the checklist page at about a third of its throughput (docs/benchmarks.md, floor ratio).
/// Changes never come here: they commit with their own entries in their own transaction.
/// </summary>
public sealed class AuditBatches : IAsyncDisposable, IDisposable
{
    // Enough to absorb any burst in one commit, small enough that one commit stays short.
    private const int MaxEntries = 500;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly AuditKey _key;
    private readonly Channel<(AuditEntry[] Entries, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(AuditEntry[], TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AuditBatches(IServiceScopeFactory scopes, TimeProvider clock, AuditKey key)
    {
        _scopes = scopes;
        _clock = clock;
        _key = key;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes when the entries are committed; throws what the commit threw.</summary>
    public Task AppendAsync(AuditEntry[] entries, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite((entries, done)), this);
        // A caller that gives up stops waiting; its entries are written all the same.
        return done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(AuditEntry[] Entries, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var count = 0;
            while (count < MaxEntries && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                count += pending.Entries.Length;
            }
            try
            {
                await WriteAsync([.. batch.SelectMany(p => p.Entries)]);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(p => p.Done.TrySetException(e));
            }
            batch.Clear();
        }
    }

    private async Task WriteAsync(IReadOnlyList<AuditEntry> entries)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await AuditChain.LockAsync(db, entries, CancellationToken.None);
        AuditChain.Add(db, _key, await AuditChain.HeadsAsync(db, entries, CancellationToken.None), entries, _clock.GetUtcNow());
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // Not back on the caller's context: a host disposed synchronously blocks that context's thread.
        await _writer.ConfigureAwait(false);
    }

    // A host disposed synchronously (the CLI, some test hosts) must not fail on this service and leave the rest undisposed.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
