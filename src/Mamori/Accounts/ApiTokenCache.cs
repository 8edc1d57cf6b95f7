using Mamori.Common;
using Microsoft.Extensions.Caching.Memory;

namespace Mamori.Accounts;

/// <summary>
/// API tokens found valid in the last <see cref="Lifetime"/>, by hash, so an API call does not cost a database
/// lookup. A token revoked or deleted in the database keeps working for at most that long on a node that has just
/// seen it (<see cref="Forget"/> ends it at once on this node); expiry is checked on every call.
/// </summary>
public sealed class ApiTokenCache(TimeProvider clock) : IDisposable
{
    /// <summary>The longest a revocation made on another node takes to reach this one.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    // Only valid tokens are kept, so the size is bounded by the tokens in use; the limit guards against surprises.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { Clock = new TimeProviderClock(clock), SizeLimit = 10_000 });

    private sealed record Entry(Guid UserId, DateTimeOffset? ExpiresAt);

    public bool TryGet(string hash, DateTimeOffset now, out Guid userId)
    {
        if (_cache.TryGetValue(hash, out Entry? entry) && entry is not null && !(entry.ExpiresAt <= now))
        {
            userId = entry.UserId;
            return true;
        }
        userId = default;
        return false;
    }

    public void Remember(string hash, Guid userId, DateTimeOffset? expiresAt) =>
        _cache.Set(hash, new Entry(userId, expiresAt), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });

    public void Forget(string hash) => _cache.Remove(hash);

    public void Dispose() => _cache.Dispose();
}
