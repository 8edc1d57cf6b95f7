using System.Threading.Channels;
using Mamori.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Audit;

/// <summary>
/// Group commit: one writer takes everything queued at that moment and commits it in one transaction, appending
/// the access-log entries to the chain; each caller waits until its part is committed, so whatever was answered
/// is in the database and in the log. Two kinds of work come here:
/// <list type="bullet">
/// <item>access-log entries that describe no change (views, exports, refusals): every page view is logged, and one
/// transaction per view was the largest single cost of a read (docs/benchmarks.md);</item>
/// <item>small changes that many people make at once (an answer saved as it is given): on SQLite each change
/// committed alone waited its turn for the only write lock, and the hand-over between writers, not the work,
/// set the limit.</item>
/// </list>
/// A change runs on this writer's own context, in order with the others of its batch, so a later change sees an
/// earlier one (an answer's revision has moved on). When anything in a batch fails, the batch is rolled back and
/// each part is tried again in a transaction of its own: one part's failure is only ever its own.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable, IDisposable
{
    // Enough to absorb any burst in one commit, small enough that one commit stays short.
    private const int MaxBatch = 500;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private int _waiting;

    /// <summary>Entries to append, or a change that makes its entries on the writer's context.</summary>
    private sealed record Pending(AuditEntry[] Entries, Func<MamoriDbContext, Task<AuditEntry[]>>? Change, TaskCompletionSource Done);

    public GroupCommit(IServiceScopeFactory scopes, TimeProvider clock)
    {
        _scopes = scopes;
        _clock = clock;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Parts queued and not yet taken by the writer (for tests that line up a batch).</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Completes when the entries are committed; throws what the commit threw.</summary>
    public Task AppendAsync(AuditEntry[] entries, CancellationToken ct = default) => Enqueue(entries, null, ct);

    /// <summary>
    /// Runs <paramref name="change"/> on the writer's context and commits what it changed together with the
    /// entries it returns. Completes when committed; throws what the change or the commit threw. The change may run
    /// twice (on a fresh context) when its batch is retried, so it keeps its outcome in captured variables that
    /// each run overwrites.
    /// </summary>
    public Task ChangeAsync(Func<MamoriDbContext, Task<AuditEntry[]>> change, CancellationToken ct = default) => Enqueue([], change, ct);

    private Task Enqueue(AuditEntry[] entries, Func<MamoriDbContext, Task<AuditEntry[]>>? change, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(new Pending(entries, change, done)))
        {
            Interlocked.Decrement(ref _waiting);
            throw new ObjectDisposedException(nameof(GroupCommit));
        }
        // A caller that gives up stops waiting; its part is written all the same.
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
                Interlocked.Decrement(ref _waiting);
                batch.Add(pending);
                count += Math.Max(1, pending.Entries.Length);
            }
            try
            {
                await WriteAsync(batch);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending);
                }
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }
            batch.Clear();
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await WriteAsync([pending]);
            pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        await AuditLog.InAppendLockAsync(db, async () =>
        {
            db.ChangeTracker.Clear();
            var entries = new List<AuditEntry>();
            foreach (var pending in batch)
            {
                entries.AddRange(pending.Change is null ? pending.Entries : await pending.Change(db));
            }
            await AuditLog.AddToChainAsync(db, entries, _clock.GetUtcNow(), CancellationToken.None);
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
