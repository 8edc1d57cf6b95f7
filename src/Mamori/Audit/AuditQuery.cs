using Mamori.Accounts;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Audit;

public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, string? User = null, string? Action = null, bool VendorsOnly = false, AuditResult? Result = null);

/// <summary>Browsing the access log: administrators of the whole installation only; every browse and export is itself logged.</summary>
public sealed class AuditQuery(MamoriDbContext db, AuditLog audit, AuditAnchors anchors, AuditVerifier verifier, TimeProvider clock)
{
    public const int PageSize = 100;

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Actor actor, AuditFilter filter, int page, CancellationToken ct = default)
    {
        actor.RequireInstallationAdmin();
        audit.Record(actor, "audit.view", detail: Describe(filter));
        await db.SaveChangesAsync(ct);
        return await Filtered(filter).OrderByDescending(e => e.Id).Skip(Math.Max(0, page) * PageSize).Take(PageSize).ToListAsync(ct);
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
        return AccessLogReport.Compose(verification, await AnchorsAsync(actor, ct), more ? entries[..AccessLogReport.MaxEntries] : entries, more,
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
        string.IsNullOrWhiteSpace(f.Action) ? null : $"操作「{f.Action.Trim()}」",
        f.VendorsOnly ? "事業者アカウントのみ" : null,
        f.Result is { } r ? $"結果 {r}" : null,
    }.OfType<string>());

    private static string Describe(AuditFilter f) =>
        $"from={f.From} to={f.To} user={f.User} action={f.Action} vendors={f.VendorsOnly} result={f.Result}";
}
