using System.Globalization;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

/// <summary>A chain's head as written to the anchor file: how many entries it had, and the last one's seal.</summary>
public sealed record AuditAnchor(DateTimeOffset At, string Chain, long Count, string Hash)
{
    /// <summary>One line of the anchor file, readable enough to be written down from the access-log page.</summary>
    public string ToLine() => $"{At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {Chain} {Count.ToString(CultureInfo.InvariantCulture)} {Hash}";

    /// <summary>What an "audit.restore" entry says it accepts.</summary>
    public string Describe() => $"anchor={ToLine().Replace(' ', '/')}";

    public static AuditAnchor? Parse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 4
            && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && parts[3].Length == 64
            ? new AuditAnchor(at, parts[1], count, parts[3])
            : null;
    }
}

/// <summary>
/// The anchor file (Audit:AnchorFile): each chain's head appended as a line, at least every five minutes and at
/// shutdown (AuditAnchoring in the web host), and by `mamori audit anchor`. It lives outside the database, so
/// entries removed from the end of a chain, or a chain rewritten, no longer match the last line written for it.
/// Only appended to, never rewritten; a line is written for a chain only when its head has moved.
/// </summary>
public sealed class AuditAnchors(AuditFiles files, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public string Path => files.AnchorFile;

    /// <summary>The last line written for each chain, or none when the file does not exist yet.</summary>
    public IReadOnlyList<AuditAnchor> Latest()
    {
        if (!File.Exists(files.AnchorFile))
        {
            return [];
        }
        var latest = new Dictionary<string, AuditAnchor>(StringComparer.Ordinal);
        using var reader = new StreamReader(new FileStream(files.AnchorFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        while (reader.ReadLine() is { } line)
        {
            if (AuditAnchor.Parse(line) is { } anchor)
            {
                latest[anchor.Chain] = anchor;
            }
        }
        return [.. latest.Values.OrderBy(a => a.Chain == AuditChain.Installation ? "" : a.Chain, StringComparer.Ordinal)];
    }

    /// <summary>Appends the head of every chain that moved since its last line; returns every chain's latest anchor.</summary>
    public async Task<IReadOnlyList<AuditAnchor>> WriteAsync(MamoriDbContext db, CancellationToken ct = default)
    {
        await _writing.WaitAsync(ct);
        try
        {
            var written = Latest().ToDictionary(a => a.Chain, StringComparer.Ordinal);
            var heads = await db.AuditEntries.AsNoTracking().GroupBy(e => e.Chain)
                .Select(g => new { Chain = g.Key, Count = g.Max(e => e.Number) }).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var lines = new List<AuditAnchor>();
            foreach (var head in heads)
            {
                var hash = await db.AuditEntries.AsNoTracking().Where(e => e.Chain == head.Chain && e.Number == head.Count).Select(e => e.Hash).FirstAsync(ct);
                if (written.TryGetValue(head.Chain, out var last) && last.Count == head.Count && last.Hash == hash)
                {
                    continue;
                }
                // A chain that no longer holds its last anchored head (cut short, rewritten, restored from a backup)
                // is not anchored again: that would hide what the last line shows, until `mamori audit restored` accepts it.
                if (last is null || await AuditVerifier.CheckAnchorAsync(db, last, ct) is null)
                {
                    lines.Add(new AuditAnchor(now, head.Chain, head.Count, hash));
                }
            }
            if (lines.Count > 0)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(files.AnchorFile)!);
                // One write of whole lines in append mode, flushed to the disk: nodes and the CLI may share the file.
                await using var file = new FileStream(files.AnchorFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l.ToLine() + "\n")));
                await file.WriteAsync(text, ct);
                file.Flush(flushToDisk: true);
            }
            return Latest();
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();
}
