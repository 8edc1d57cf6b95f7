using Mamori.Accounts;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, string? User = null, string? Action = null, bool VendorsOnly = false, AuditResult? Result = null);

/// <summary>One page of the access log, newest first, with the names of the records its entries are about.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, bool More, IReadOnlyDictionary<(string Kind, string Id), string> Targets)
{
    public string? TargetName(AuditEntry e) => e.TargetKind is { } kind && e.TargetId is { } id ? Targets.GetValueOrDefault((kind, id)) : null;
}

/// <summary>Browsing the access log: administrators of the whole installation only; every browse and export is itself logged.</summary>
public sealed class AuditQuery(MamoriDbContext db, AuditLog audit, AuditAnchors anchors, AuditVerifier verifier, AuditTargets targets, TimeProvider clock)
{
    public const int PageSize = 100;

    public async Task<AuditPage> ListAsync(Actor actor, AuditFilter filter, int page, CancellationToken ct = default)
    {
        actor.RequireInstallationAdmin();
        audit.Record(actor, "audit.view", detail: Describe(filter));
        await db.SaveChangesAsync(ct);
        // One more than a page tells whether there is an older page without counting the whole log.
        var entries = await Filtered(filter).OrderByDescending(e => e.Id).Skip(Math.Max(0, page) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        var shown = entries.Count > PageSize ? entries[..PageSize] : entries;
        return new AuditPage(shown, entries.Count > PageSize, await targets.NamesAsync(shown, ct));
    }

    /// <summary>The last anchor of each chain, with the facility it belongs to (null for the installation's chain), to be written down.</summary>
    public async Task<IReadOnlyList<(AuditAnchor Anchor, string? Facility)>> AnchorsAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireInstallationAdmin();
        var latest = anchors.Latest();
        var ids = latest.Select(a => Guid.TryParse(a.Chain, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var names = await db.Facilities.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id.ToString(), f => f.Name, ct);
        return [.. latest.Select(a => (a, a.Chain == AuditChain.Installation ? null : names.GetValueOrDefault(a.Chain, a.Chain)))];
    }

    public async Task<byte[]> ExportCsvAsync(Actor actor, AuditFilter filter, CancellationToken ct = default)
    {
        actor.RequireInstallationAdmin();
        audit.Record(actor, "audit.export", detail: Describe(filter));
        await db.SaveChangesAsync(ct);
        var csv = new Csv().Row("ID", "日時（JST）", "利用者", "事業者", "操作", "対象種別", "対象ID", "結果", "接続元", "ブラウザ", "詳細", "ハッシュ", "チェーン", "チェーン内番号");
        await foreach (var e in Filtered(filter).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.Row(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), JapaneseDates.DateTime(e.At), e.UserName, e.Vendor ? "○" : "",
                e.Action, e.TargetKind, e.TargetId, e.Result.ToString(), e.Client, e.UserAgent, e.Detail, e.Hash, e.Chain, e.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return csv.ToBytes();
    }

    /// <summary>The printed report (AccessLogReport): verification, anchors and the filtered entries, oldest first.</summary>
    public async Task<byte[]> ReportPdfAsync(Actor actor, AuditFilter filter, CancellationToken ct = default)
    {
        actor.RequireInstallationAdmin();
        audit.Record(actor, "audit.report", detail: Describe(filter));
        await db.SaveChangesAsync(ct);
        var verification = await verifier.VerifyAsync(ct);
        var entries = await Filtered(filter).OrderBy(e => e.Id).Take(AccessLogReport.MaxEntries + 1).ToListAsync(ct);
        var more = entries.Count > AccessLogReport.MaxEntries;
        var printed = more ? entries[..AccessLogReport.MaxEntries] : entries;
        return AccessLogReport.Compose(verification, await AnchorsAsync(actor, ct), new AuditPage(printed, more, await targets.NamesAsync(printed, ct)),
            Readable(filter), clock.GetUtcNow()).ToPdf();
    }

    private IQueryable<AuditEntry> Filtered(AuditFilter f)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (f.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime();
            q = q.Where(e => e.At >= start);
        }
        if (f.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime();
            q = q.Where(e => e.At < end);
        }
        if (!string.IsNullOrWhiteSpace(f.User))
        {
            var user = f.User.Trim();
            q = q.Where(e => e.UserName.Contains(user));
        }
        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            var action = f.Action.Trim();
            q = q.Where(e => e.Action.StartsWith(action));
        }
        if (f.VendorsOnly)
        {
            q = q.Where(e => e.Vendor);
        }
        if (f.Result is { } result)
        {
            q = q.Where(e => e.Result == result);
        }
        return q;
    }

    private static string Readable(AuditFilter f) => string.Join("　", new[]
    {
        f.From is null && f.To is null ? null : $"期間 {(f.From is { } a ? JapaneseDates.Long(a) : "")}〜{(f.To is { } b ? JapaneseDates.Long(b) : "")}",
        string.IsNullOrWhiteSpace(f.User) ? null : $"利用者「{f.User.Trim()}」",
        string.IsNullOrWhiteSpace(f.Action) ? null : $"操作「{(AuditNames.Actions.ContainsKey(f.Action.Trim()) ? AuditNames.Action(f.Action.Trim()) + "：" : "")}{f.Action.Trim()}」",
        f.VendorsOnly ? "事業者アカウントのみ" : null,
        f.Result is { } r ? $"結果 {AuditNames.Result(r)}" : null,
    }.OfType<string>());

    private static string Describe(AuditFilter f) =>
        $"from={f.From} to={f.To} user={f.User} action={f.Action} vendors={f.VendorsOnly} result={f.Result}";
}
