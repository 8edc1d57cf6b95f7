using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mamori.Accounts;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

/// <summary>
/// The chains: one per facility and one for the installation, so appends for different facilities do not wait for
/// each other. How entries are appended, how an entry is sealed (HMAC-SHA256 under <see cref="AuditKey"/>), how a run
/// of entries is checked.
/// </summary>
public static class AuditChain
{
    /// <summary>The chain of what belongs to no one facility: installation administrators, sign-ins, the CLI.</summary>
    public const string Installation = "installation";

    /// <summary>A chain's last entry, whose hash the next one follows.</summary>
    public sealed record Link(long Number, string Hash);

    /// <summary>
    /// Which chain an entry belongs to: the facility it names, else the one facility its actor works in, else the
    /// installation's. Decided from what every entry already carries, so no caller of AuditLog has to say it.
    /// </summary>
    public static string ChainOf(Actor actor, string? targetKind, string? targetId)
    {
        if (targetKind == "facility" && Guid.TryParse(targetId, out var facility))
        {
            return facility.ToString();
        }
        if (actor.IsInstallationAdmin)
        {
            return Installation;
        }
        var facilities = actor.Roles.Where(r => r.FacilityId is not null).Select(r => r.FacilityId!.Value).Distinct().Take(2).ToList();
        return facilities.Count == 1 ? facilities[0].ToString() : Installation;
    }

    /// <summary>How a chain is named in reports.</summary>
    public static string Describe(string chain) => chain == Installation || !Guid.TryParse(chain, out _) ? $"chain {chain}" : $"chain facility {chain}";

    /// <summary>
    /// One writer at a time appends to each chain, until its transaction ends: a PostgreSQL advisory lock per chain,
    /// taken in one order so two writers never wait for each other in a circle. On SQLite the transaction
    /// (BEGIN IMMEDIATE) already holds the only write lock.
    /// </summary>
    public static void Lock(MamoriDbContext db, IEnumerable<AuditEntry> entries)
    {
        if (db.Database.IsNpgsql())
        {
            foreach (var chain in ChainsOf(entries))
            {
                db.Database.ExecuteSqlRaw("SELECT pg_advisory_xact_lock({0})", LockKey(chain));
            }
        }
    }

    public static async Task LockAsync(MamoriDbContext db, IEnumerable<AuditEntry> entries, CancellationToken ct) =>
        await LockAsync(db, ChainsOf(entries), ct);

    public static async Task LockAsync(MamoriDbContext db, IEnumerable<string> chains, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            foreach (var chain in chains.Distinct().Order(StringComparer.Ordinal))
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [LockKey(chain)], ct);
            }
        }
    }

    private static long LockKey(string chain) => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("mamori.audit:" + chain)));

    private static IEnumerable<string> ChainsOf(IEnumerable<AuditEntry> entries) => entries.Select(e => e.Chain).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The heads of the chains the entries go to, read under their locks.</summary>
    public static Dictionary<string, Link?> Heads(MamoriDbContext db, IEnumerable<AuditEntry> entries) =>
        ChainsOf(entries).ToDictionary(c => c, c => HeadQuery(db, c).FirstOrDefault());

    public static async Task<Dictionary<string, Link?>> HeadsAsync(MamoriDbContext db, IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        var heads = new Dictionary<string, Link?>();
        foreach (var chain in ChainsOf(entries))
        {
            heads[chain] = await HeadAsync(db, chain, ct);
        }
        return heads;
    }

    public static Task<Link?> HeadAsync(MamoriDbContext db, string chain, CancellationToken ct) => HeadQuery(db, chain).FirstOrDefaultAsync(ct);

    private static IQueryable<Link?> HeadQuery(MamoriDbContext db, string chain) =>
        db.AuditEntries.AsNoTracking().Where(e => e.Chain == chain).OrderByDescending(e => e.Number).Select(e => new Link(e.Number, e.Hash));

    /// <summary>Gives the entries their place after their chain's head, seals them and adds them to the context; the caller holds the locks and saves.</summary>
    public static void Add(MamoriDbContext db, AuditKey key, IReadOnlyDictionary<string, Link?> heads, IEnumerable<AuditEntry> entries, DateTimeOffset now)
    {
        var last = heads.ToDictionary(h => h.Key, h => h.Value ?? new Link(0, Genesis));
        now = Time(now);
        foreach (var entry in entries)
        {
            var previous = last[entry.Chain];
            entry.Number = previous.Number + 1;
            entry.At = now;
            entry.PreviousHash = previous.Hash;
            entry.Hash = HashOf(key, entry);
            last[entry.Chain] = new Link(entry.Number, entry.Hash);
            db.AuditEntries.Add(entry);
        }
    }

    /// <summary>
    /// An entry's time, in whole milliseconds: PostgreSQL keeps microseconds and SQLite 100 µs, so the seal verifies
    /// after a round trip on both (and records stamped with it equal their entry's time).
    /// </summary>
    public static DateTimeOffset Time(DateTimeOffset now) => new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>The previous hash of a chain's very first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The entry's seal: an HMAC over its chain, its place in it, its content and the previous entry's seal.</summary>
    public static string HashOf(AuditKey key, AuditEntry e)
    {
        // Unit separators cannot occur in the fields (input text refuses control characters), so the join is unambiguous.
        var content = string.Join('\u001f', [e.Chain, .. Fields(e)]);
        return key.Seal(content);
    }

    /// <summary>What a seal covers besides the chain (and what the hashes before sealing covered, AuditLegacy).</summary>
    internal static string[] Fields(AuditEntry e) =>
    [
        e.Number.ToString(CultureInfo.InvariantCulture),
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
        e.PreviousHash,
    ];

    /// <summary>
    /// Checks one chain's entries in Number order, starting at <paramref name="expectedFirst"/> after
    /// <paramref name="expectedPreviousHash"/> and stored after row <paramref name="afterId"/>. Returns how many entries
    /// are intact before the first break, and the break: null when intact, else a description naming the first entry
    /// whose content or order was changed or which is missing.
    /// </summary>
    public static (long Intact, string? Break) FindBreak(AuditKey key, IEnumerable<AuditEntry> entriesInNumberOrder, long expectedFirst = 1, string? expectedPreviousHash = null, long afterId = long.MinValue)
    {
        var intact = 0L;
        var previousHash = expectedPreviousHash ?? Genesis;
        var expected = expectedFirst;
        var previousId = afterId;
        foreach (var e in entriesInNumberOrder)
        {
            var chain = Describe(e.Chain);
            if (e.Number != expected)
            {
                return (intact, e.Number > expected
                    ? $"{chain}: entry {expected} is missing (the next entry is {e.Number})"
                    : $"{chain}: entry {e.Number} is out of order (expected {expected})");
            }
            if (e.Id <= previousId)
            {
                return (intact, $"{chain}: entry {e.Number} is out of order (stored before entry {e.Number - 1})");
            }
            if (e.PreviousHash != previousHash)
            {
                return (intact, $"{chain}: entry {e.Number} does not follow entry {e.Number - 1}: removed, reordered or changed before it");
            }
            if (HashOf(key, e) != e.Hash)
            {
                return (intact, $"{chain}: entry {e.Number} was changed after it was written (its seal does not match)");
            }
            previousHash = e.Hash;
            previousId = e.Id;
            expected++;
            intact++;
        }
        return (intact, null);
    }
}
