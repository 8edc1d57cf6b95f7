using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Mamori.Common;

/// <summary>
/// The notices every signed-in page carries in its banners (unreviewed emergency sign-ins, anomaly reports waiting
/// for confirmation), kept on this node for up to <see cref="Lifetime"/>: they are read for every page and change a
/// few times a day. A change made through this node's services clears them at once (<see cref="Changed"/>); one made
/// on another node, or by the command line, shows here within the lifetime.
/// </summary>
public sealed class NoticeCache(TimeProvider clock) : IDisposable
{
    /// <summary>The longest any change, on any node, takes to reach a banner.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    // One entry per distinct set of roles or facilities asking; the limit guards against surprises.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { Clock = new TimeProviderClock(clock), SizeLimit = 1_000 });
    private CancellationTokenSource _changed = new();

    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        if (_cache.TryGetValue(key, out T? kept) && kept is not null)
        {
            return kept;
        }
        // Taken before loading: a change during the load expires what it loaded.
        var changed = Volatile.Read(ref _changed).Token;
        var loaded = await load();
        _cache.Set(key, loaded, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 }
            .AddExpirationToken(new CancellationChangeToken(changed)));
        return loaded;
    }

    /// <summary>Something a banner shows has changed: every notice is read again on its next use.</summary>
    public void Changed() => Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();

    public void Dispose() => _cache.Dispose();
}
