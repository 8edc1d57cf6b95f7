using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Mamori.Accounts;

/// <summary>
/// Starts, checks and ends sign-in sessions. A session found open is believed for <see cref="OpenSessionCache.Lifetime"/>
/// (5 s) on this node, so a sign-out made on another node, or a disabled account, takes effect within that time here
/// and at once on the node that made it.
/// </summary>
public sealed class SignInSessions(MamoriDbContext db, OpenSessionCache cache, TimeProvider clock)
{
    public async Task<Guid> StartAsync(Guid userId, CancellationToken ct = default)
    {
        var session = new SignInSession { UserId = userId, StartedAt = clock.GetUtcNow() };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    public async Task<bool> IsOpenAsync(Guid sessionId, Guid userId, CancellationToken ct = default)
    {
        if (cache.IsOpen(sessionId, userId))
        {
            return true;
        }
        var open = await db.SignInSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null
            && !db.Users.Any(u => u.Id == userId && u.Disabled), ct);
        if (open)
        {
            cache.Remember(sessionId, userId);
        }
        return open;
    }

    public async Task EndAsync(Guid sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await db.SignInSessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
        cache.Forget(sessionId);
    }

    /// <summary>Every open session of the person: sign out everywhere, a password change or reset, a disabled account.</summary>
    public async Task EndAllAsync(Guid userId, CancellationToken ct = default)
    {
        var open = await db.SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null).Select(s => s.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        await db.SignInSessions.Where(s => open.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
        open.ForEach(cache.Forget);
    }
}

/// <summary>Sessions found open in the last 5 seconds on this node: one lookup per browser every 5 s, not per request.</summary>
public sealed class OpenSessionCache(TimeProvider clock) : IDisposable
{
    /// <summary>The longest a sign-out made on another node takes to reach this one (the same bound as API tokens).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { Clock = new TimeProviderClock(clock), SizeLimit = 100_000 });

    public bool IsOpen(Guid sessionId, Guid userId) => _cache.TryGetValue(sessionId, out Guid owner) && owner == userId;

    public void Remember(Guid sessionId, Guid userId) =>
        _cache.Set(sessionId, userId, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });

    public void Forget(Guid sessionId) => _cache.Remove(sessionId);

    public void Dispose() => _cache.Dispose();
}
