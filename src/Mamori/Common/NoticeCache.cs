using System.Collections.Concurrent;

namespace Mamori.Common;

/// <summary>
/// The notices every signed-in page carries in its banners (unreviewed emergency sign-ins, anomaly reports
/// waiting for confirmation), kept on this node for up to <see cref="Lifetime"/>. Reading them for every page
/// was the largest single cost of a page in the benchmark (docs/benchmarks.md), while they change a few times a
/// day. A change made through this node's services clears them at once (<see cref="Changed"/>); a change made on
/// another node, or by the command line, shows here within the lifetime.
/// </summary>
public sealed class NoticeCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    // One entry per distinct set of roles asking, so the size stays small; the bound guards against surprises.
    private const int MaxEntries = 1_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        // Read before loading: a change during the load leaves the entry with an old generation, so it is not reused.
        var generation = Interlocked.Read(ref _generation);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == generation && now - entry.LoadedAt < Lifetime && entry.Value is T value)
        {
            return value;
        }
        var loaded = await load();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[key] = new Entry(loaded, generation, now);
        return loaded;
    }

    /// <summary>Something a banner shows has changed: every notice is read again on its next use.</summary>
    public void Changed() => Interlocked.Increment(ref _generation);

    private sealed record Entry(object Value, long Generation, DateTimeOffset LoadedAt);
}
