using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Mail;

/// <summary>Whether a mail server is configured; without one nothing is queued (closed networks often have none).</summary>
public sealed record MailSettings(bool Enabled);

/// <summary>Queues emails with the caller's own changes (saved by the caller) and hands due ones to a sender.</summary>
public sealed class MailOutbox(MamoriDbContext db, TimeProvider clock, MailSettings settings)
{
    public bool Enabled => settings.Enabled;

    public const int MaxAttempts = 10;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public void Enqueue(string to, string subject, string body, string purpose)
    {
        if (!settings.Enabled)
        {
            return;
        }
        var now = clock.GetUtcNow();
        db.Add(new MailMessage { To = to, Subject = subject, Body = body, Purpose = purpose, CreatedAt = now, NotBefore = now });
    }

    /// <summary>
    /// Due messages this node now owns for a while: each is claimed with a conditional update, so two nodes never
    /// send the same message, and a node that dies mid-send leaves it to be claimed again when the claim lapses.
    /// </summary>
    public async Task<IReadOnlyList<MailMessage>> ClaimDueAsync(int max, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.Set<MailMessage>().AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NotBefore <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.CreatedAt).Take(max).ToListAsync(ct);
        var claimed = new List<MailMessage>();
        foreach (var m in candidates)
        {
            var until = now + ClaimFor;
            var won = await db.Set<MailMessage>()
                .Where(x => x.Id == m.Id && x.SentAt == null && (x.ClaimedUntil == null || x.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedUntil, until), ct);
            if (won == 1)
            {
                claimed.Add(m);
            }
        }
        return claimed;
    }

    public Task MarkSentAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.Set<MailMessage>().Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
    }

    /// <summary>A failed send waits longer each time (1, 2, 4 … minutes, at most an hour) and stops after <see cref="MaxAttempts"/>.</summary>
    public Task MarkFailedAsync(MailMessage message, string error, CancellationToken ct = default)
    {
        var next = clock.GetUtcNow() + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, message.Attempts)));
        var text = error.Length > 500 ? error[..500] : error;
        return db.Set<MailMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, text)
            .SetProperty(m => m.NotBefore, next)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
    }
}
