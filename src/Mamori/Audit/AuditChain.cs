using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

/// <summary>The hash chain: how entries are appended, how an entry's hash is computed, how a run of entries is checked.</summary>
public static class AuditChain
{
    private const long PostgresLockKey = 0x6D616D6F7269; // "mamori"

    /// <summary>The chain's last entry, whose hash the next one follows.</summary>
    public sealed record Link(long Id, string Hash);

    /// <summary>
    /// One writer at a time appends to the chain, until its transaction ends: a PostgreSQL advisory lock. On SQLite the
    /// transaction (BEGIN IMMEDIATE) already holds the only write lock.
    /// </summary>
    public static void Lock(MamoriDbContext db)
    {
        if (db.Database.IsNpgsql())
        {
            db.Database.ExecuteSqlRaw($"SELECT pg_advisory_xact_lock({PostgresLockKey})");
        }
    }

    public static async Task LockAsync(MamoriDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
        }
    }

    public static Link? Head(MamoriDbContext db) => HeadQuery(db).FirstOrDefault();

    public static Task<Link?> HeadAsync(MamoriDbContext db, CancellationToken ct) => HeadQuery(db).FirstOrDefaultAsync(ct);

    private static IQueryable<Link?> HeadQuery(MamoriDbContext db) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => new Link(e.Id, e.Hash));

    /// <summary>Gives the entries their place after <paramref name="head"/> and adds them to the context; the caller holds the lock and saves.</summary>
    public static void Add(MamoriDbContext db, Link? head, IEnumerable<AuditEntry> entries, DateTimeOffset now)
    {
        var id = head?.Id ?? 0;
        var previous = head?.Hash ?? Genesis;
        // Whole milliseconds: PostgreSQL keeps microseconds and SQLite 100 µs, so the hash verifies after a round trip on both.
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        foreach (var entry in entries)
        {
            entry.Id = ++id;
            entry.At = now;
            entry.PreviousHash = previous;
            entry.Hash = HashOf(entry);
            previous = entry.Hash;
            db.AuditEntries.Add(entry);
        }
    }

    /// <summary>The previous hash of the very first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(AuditEntry e)
    {
        // Unit separators cannot occur in the fields (input text refuses control characters), so the join is unambiguous.
        var content = string.Join('\u001f',
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            e.UserId?.ToString() ?? "",
            e.UserName,
            e.Vendor ? "1" : "0",
            e.Action,
            e.TargetKind ?? "",
            e.TargetId ?? "",
            e.Result.ToString(),
            e.Client ?? "",
            e.UserAgent ?? "",
            e.Detail ?? "",
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>
    /// Checks entries in Id order. Returns how many entries are intact before the first break, and the break:
    /// null when intact, else a description naming the first entry whose content or order was changed or which is missing.
    /// </summary>
    public static (long Intact, string? Break) FindBreak(IEnumerable<AuditEntry> entriesInIdOrder, long expectedFirstId = 1, string? expectedPreviousHash = null)
    {
        var intact = 0L;
        var previousHash = expectedPreviousHash ?? Genesis;
        var expectedId = expectedFirstId;
        foreach (var e in entriesInIdOrder)
        {
            if (e.Id != expectedId)
            {
                return (intact, e.Id > expectedId
                    ? $"entry {expectedId} is missing (the next entry is {e.Id})"
                    : $"entry {e.Id} is out of order (expected {expectedId})");
            }
            if (e.PreviousHash != previousHash)
            {
                return (intact, $"entry {e.Id} does not follow entry {e.Id - 1}: removed, reordered or changed before it");
            }
            if (HashOf(e) != e.Hash)
            {
                return (intact, $"entry {e.Id} was changed after it was written");
            }
            previousHash = e.Hash;
            expectedId++;
            intact++;
        }
        return (intact, null);
    }
}
