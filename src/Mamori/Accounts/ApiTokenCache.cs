using System.Collections.Concurrent;

namespace Mamori.Accounts;

/// <summary>
/// API tokens found valid in the last <see cref="Lifetime"/>, by hash, so an API call does not cost a database
/// lookup. A token revoked or deleted in the database keeps working for at most that long on a node that has
/// just seen it (call <see cref="Forget"/> to end it at once on this node); expiry is checked on every call.
/// </summary>
public sealed class ApiTokenCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // Only valid tokens are kept, so the size is bounded by the tokens issued; the bound guards against surprises.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);

    public bool TryGet(string hash, DateTimeOffset now, out Guid userId)
    {
        if (_byHash.TryGetValue(hash, out var entry) && now - entry.CheckedAt < Lifetime && !(entry.ExpiresAt <= now))
        {
            userId = entry.UserId;
            return true;
        }
        userId = default;
        return false;
    }

    public void Remember(string hash, Guid userId, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (_byHash.Count >= MaxEntries)
        {
            _byHash.Clear();
        }
        _byHash[hash] = new Entry(userId, expiresAt, now);
    }

    public void Forget(string hash) => _byHash.TryRemove(hash, out _);

    private sealed record Entry(Guid UserId, DateTimeOffset? ExpiresAt, DateTimeOffset CheckedAt);
}
