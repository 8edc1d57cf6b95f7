using System.Threading.Channels;
using Mamori.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Audit;

/// <summary>
/// Group commit for access-log entries that describe no change (views, exports, refusals). Every page view is
/// logged, so under load one transaction per view was the largest single cost of a read (docs/benchmarks.md).
/// Here one writer takes everything queued at that moment and appends it to the chain in one transaction; each
/// caller still waits until its entry is committed, so a view that was answered is always in the log.
/// Entries that describe a change are not sent here: they commit with the change itself (<see cref="AuditLog"/>).
/// </summary>
public sealed class AuditBatchWriter : IAsyncDisposable, IDisposable
{
    // Enough to absorb any burst in one commit, small enough that one commit stays short.
    private const int MaxBatch = 500;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    private sealed record Pending(AuditEntry[] Entries, TaskCompletionSource Done);

    public AuditBatchWriter(IServiceScopeFactory scopes, TimeProvider clock)
    {
        _scopes = scopes;
        _clock = clock;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes when the entries are committed; throws what the commit threw.</summary>
    public Task AppendAsync(AuditEntry[] entries, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new Pending(entries, done)), this);
        // A caller that gives up stops waiting; its entries are written all the same.
        return done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var count = 0;
            while (count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                count += pending.Entries.Length;
            }
            try
            {
                await WriteAsync(batch);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(p => p.Done.TrySetException(e));
            }
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        await AuditLog.InAppendLockAsync(db, async () =>
        {
            db.ChangeTracker.Clear();
            await AuditLog.AddToChainAsync(db, batch.SelectMany(p => p.Entries), _clock.GetUtcNow(), CancellationToken.None);
            await db.SaveChangesAsync();
        }, null, CancellationToken.None);
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // Not back on the caller's context: a host disposed synchronously blocks that context's thread, and
        // (xunit's two-thread context on a 2-core machine) the wait would never end.
        await _writer.ConfigureAwait(false);
    }

    // A host disposed synchronously (the CLI, some test hosts) must not fail on this service and leave the rest undisposed.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
