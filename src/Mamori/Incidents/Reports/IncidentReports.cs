using Mamori.Catalog;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Incidents.Reports;

/// <summary>A report ready to export: what the user edited, or Mamori's draft from the record.</summary>
/// <param name="FormUrl">Where the authority takes the report online (the 個人情報保護委員会's form), from the facility's contact list or the catalog's default.</param>
public sealed record IncidentReport(ReportKind Kind, string Title, string DateLine, string Body, string FileBase, bool Edited, int Revision, string IncidentTitle, string? FormUrl)
{
    /// <summary>Lines with 「（記入してください）」 or a drafting note left in (ReportDrafter.Unfinished).</summary>
    public IReadOnlyList<(int Line, string Text)> Unfinished => ReportDrafter.Unfinished(Body);
}

/// <summary>The reports of an incident (executive, 厚生労働省, 個人情報保護委員会 速報/確報, police): drafted, edited, exported.</summary>
public sealed class IncidentReports(MamoriDbContext db, IncidentService incidents, CatalogStore catalogs, TimeProvider clock, AuditLog audit)
{
    /// <summary>
    /// The report's current text; exporting it is recorded on the timeline and in the access log. An export with
    /// blanks or drafting notes left in is refused (409) unless <paramref name="unfinishedConfirmed"/>: nothing goes
    /// to an authority with 「（記入してください）」 in it by oversight.
    /// </summary>
    public async Task<IncidentReport> GetAsync(Actor actor, Guid id, ReportKind kind, string action, bool unfinishedConfirmed = false, CancellationToken ct = default)
    {
        var (view, report) = await LoadAsync(actor, id, kind, ct);
        if (action != "incident.report.view" && !unfinishedConfirmed && report.Unfinished.Count > 0)
        {
            throw new ConflictException("報告書に未記入の箇所が{0}か所あります（「（記入してください）」や作成用のメモ）。報告書の画面で直すか、未記入のまま出力することを確認してください。", [report.Unfinished.Count]);
        }
        if (action != "incident.report.view")
        {
            incidents.RecordEvent(id, actor, IncidentEventKind.Report, $"{report.Title}を出力しました（{(action.EndsWith("pdf", StringComparison.Ordinal) ? "PDF" : "Word")}）");
        }
        audit.Record(actor, action, "incident", view.Incident.Id, detail: kind.ToKey());
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>Saves the edited text. <paramref name="seenRevision"/> refuses to overwrite someone else's newer edit.</summary>
    public async Task SaveAsync(Actor actor, Guid id, ReportKind kind, string? body, int seenRevision, CancellationToken ct = default)
    {
        var text = Text.Optional(body, ReportDrafts.BodyMaxLength, "body", "報告書の本文", multiline: true)
            ?? throw new InvalidInputException("報告書の本文を入力してください。", "body");
        await LoadAsync(actor, id, kind, ct);
        var draft = await db.Set<ReportDraft>().FirstOrDefaultAsync(d => d.IncidentId == id && d.Kind == kind, ct);
        if ((draft?.Revision ?? 0) != seenRevision)
        {
            throw new ConflictException("この報告書は他の人が先に編集しました。画面を再読み込みしてください。");
        }
        if (draft is null)
        {
            // Revision 0 stands for "no draft yet" in the form, so the first saved draft is 1.
            draft = new ReportDraft { IncidentId = id, Kind = kind, Body = text, UpdatedAt = clock.GetUtcNow(), UpdatedBy = actor.Name, Revision = 1 };
            db.Set<ReportDraft>().Add(draft);
        }
        draft.Body = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        incidents.RecordEvent(id, actor, IncidentEventKind.Report, $"{ReportDrafter.TitleOf(kind)}を編集しました");
        audit.Record(actor, "incident.report.edit", "incident", id, detail: kind.ToKey());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The facility's current (not history) contacts of the report's authority, as kept on its contact list.</summary>
    private async Task<IReadOnlyList<FacilityContact>> RecipientsAsync(Guid facilityId, ReportKind kind, CancellationToken ct)
    {
        var authority = kind switch
        {
            ReportKind.Mhlw => "mhlw",
            ReportKind.PpcPreliminary or ReportKind.PpcFinal => "ppc",
            ReportKind.Police => "police",
            ReportKind.Executive => null,
        };
        return authority is null
            ? []
            : await db.Set<FacilityContact>().AsNoTracking().Where(c => c.FacilityId == facilityId && c.Kind == authority && !c.History).OrderBy(c => c.Name).ToListAsync(ct);
    }

    private async Task<(IncidentView, IncidentReport)> LoadAsync(Actor actor, Guid id, ReportKind kind, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().AsNoTracking().Include(i => i.Steps).AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);
        var facility = await incidents.AccessAsync(actor, incident, ct);
        if (!actor.Has(facility.Id, Role.Admin) && !actor.Has(facility.Id, Role.Executive))
        {
            throw new ForbiddenException("報告書は経営層または医療情報システム安全管理責任者が作成します。");
        }
        var view = await incidents.ViewAsync(actor, incident!, facility, ct);
        var draft = await db.Set<ReportDraft>().AsNoTracking().FirstOrDefaultAsync(d => d.IncidentId == id && d.Kind == kind, ct);
        var evidence = await db.Set<StoredFile>().AsNoTracking().Where(f => f.IncidentId == id && f.Purpose == FilePurpose.Evidence).OrderBy(f => f.UploadedAt).ToListAsync(ct);
        var recipients = await RecipientsAsync(facility.Id, kind, ct);
        var body = draft?.Body ?? ReportDrafter.Draft(kind, view, evidence, recipients);
        var formUrl = kind is ReportKind.PpcPreliminary or ReportKind.PpcFinal
            ? recipients.Select(c => c.Url).FirstOrDefault(u => u is not null)
                ?? catalogs.Find(CatalogDefaults.CurrentId)?.IncidentFlow?.Contacts.FirstOrDefault(c => c.Kind == "ppc" && !c.History)?.Url
            : null;
        var today = JapaneseDates.TodayInJst(clock);
        var report = new IncidentReport(kind, ReportDrafter.TitleOf(kind), $"作成日：{JapaneseDates.Long(today)}　{view.Facility.Name}", body,
            $"incident-{kind.ToKey()}-{JapaneseDates.Iso(today)}", draft is not null, draft?.Revision ?? 0, incident!.Title, formUrl);
        return (view, report);
    }
}
