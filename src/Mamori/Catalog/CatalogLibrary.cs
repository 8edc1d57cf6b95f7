using System.Text.Json;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using static Mamori.Catalog.CatalogDocument;

namespace Mamori.Catalog;

/// <summary>
/// Every edition: the shipped ones and those an installation administrator imported. Imported editions live in
/// the database and are read from it on use, so every node serves one as soon as it is stored.
/// </summary>
public sealed class CatalogLibrary(MamoriDbContext db, CatalogStore store, TimeProvider clock, AuditLog audit)
{
    /// <summary>A document is a few hundred items of text; far beyond that is not a checklist.</summary>
    public const int MaxDocumentLength = 5 * 1024 * 1024;

    /// <summary>The edition, at <paramref name="revision"/> or else its latest; null when unknown.</summary>
    public async Task<ChecklistCatalog?> FindAsync(string? id, int? revision = null, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }
        if (store.Find(id) is { } shipped)
        {
            return shipped;
        }
        var latest = revision is > 0 ? revision : await db.CatalogEditions.Where(e => e.Id == id).MaxAsync(e => (int?)e.Revision, ct);
        if (latest is not { } rev)
        {
            return null;
        }
        var row = await db.CatalogEditions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.Revision == rev, ct);
        return row is null ? null : await ReadAsync(row.Document, rev, ct);
    }

    public async Task<Checklist?> FindChecklistAsync(string catalogId, string key, int? revision = null, CancellationToken ct = default) =>
        (await FindAsync(catalogId, revision, ct))?.FindChecklist(key);

    /// <summary>Shipped editions first, then the imported ones at their latest revision, oldest issue first.</summary>
    public async Task<IReadOnlyList<ChecklistCatalog>> AllAsync(CancellationToken ct = default)
    {
        var imported = await db.CatalogEditions.GroupBy(e => e.Id).Select(g => new { Id = g.Key, Revision = g.Max(e => e.Revision) }).ToListAsync(ct);
        var list = store.All.ToList();
        foreach (var edition in imported)
        {
            list.Add((await FindAsync(edition.Id, edition.Revision, ct))!);
        }
        return list.OrderBy(c => c.IssuedOn).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The revisions of an imported edition, newest first.</summary>
    public async Task<IReadOnlyList<CatalogEdition>> RevisionsAsync(string id, CancellationToken ct = default) =>
        await db.CatalogEditions.AsNoTracking().Where(e => e.Id == id).OrderByDescending(e => e.Revision).ToListAsync(ct);

    /// <summary>Checks a document as an import would, without storing it (the preview before confirming).</summary>
    public async Task<ChecklistCatalog> CheckAsync(string json, CancellationToken ct = default)
    {
        var catalog = await ReadAsync(json, 1, ct);
        if (store.IsShipped(catalog.Id) || await db.CatalogEditions.AnyAsync(e => e.Id == catalog.Id, ct))
        {
            throw new ConflictException(new MessageText("版「{0}」はすでに登録されています。訂正する場合は版のページから訂正してください。", catalog.Id));
        }
        return catalog;
    }

    /// <summary>Stores a new edition (revision 1). The whole document is checked first: nothing half-imported is kept.</summary>
    public async Task<ChecklistCatalog> ImportAsync(Actor actor, string json, CancellationToken ct = default)
    {
        RequireInstallationAdmin(actor);
        var catalog = await CheckAsync(json, ct);
        await StoreAsync(actor, catalog, json, null, "catalog.import", ct);
        return catalog;
    }

    /// <summary>
    /// A corrected text becomes the edition's next revision; rounds already answered keep showing the revision they
    /// were answered on. Checklists and item numbers must stay as they are: a correction fixes wording, nothing else.
    /// </summary>
    public async Task<ChecklistCatalog> CorrectAsync(Actor actor, string id, string json, string? note, CancellationToken ct = default)
    {
        RequireInstallationAdmin(actor);
        if (store.IsShipped(id))
        {
            throw new InvalidInputException("同梱の版は訂正できません（catalog/ の NOTES.md に記録して更新します）。", "id");
        }
        var current = await FindAsync(id, null, ct) ?? throw new NotFoundException("チェックリストの版が見つかりません。");
        var reason = Text.Required(note, 500, "note", "訂正の内容");
        var corrected = await ReadAsync(json, current.Revision + 1, ct);
        if (corrected.Id != id)
        {
            throw new InvalidInputException("訂正では id を変えられません。", "id");
        }
        foreach (var list in current.Checklists)
        {
            var after = corrected.FindChecklist(list.Key);
            if (corrected.Checklists.Count != current.Checklists.Count
                || after is null || after.Items.Count != list.Items.Count || after.Items.Any(i => list.FindItem(i.Number) is null))
            {
                throw new InvalidInputException(new MessageText("訂正ではチェックリストや項目の追加・削除はできません（{0}）。新しい版として読み込んでください。", list.Key), "checklists");
            }
        }
        await StoreAsync(actor, corrected, json, reason, "catalog.correct", ct);
        return corrected;
    }

    private async Task StoreAsync(Actor actor, ChecklistCatalog catalog, string json, string? note, string action, CancellationToken ct)
    {
        db.CatalogEditions.Add(new CatalogEdition
        {
            Id = catalog.Id,
            Revision = catalog.Revision,
            Title = catalog.Title,
            Document = json,
            Note = note,
            ImportedAt = clock.GetUtcNow(),
            ImportedBy = actor.UserId,
            ImportedByName = actor.Name,
        });
        audit.Record(actor, action, "catalog", catalog.Id, detail: $"{catalog.Title} r{catalog.Revision}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import or correction of the same edition won the race for this revision.
            throw new ConflictException(new MessageText("版「{0}」は同時に別の操作で登録・訂正されました。版の一覧を確認してください。", catalog.Id));
        }
    }

    private async Task<ChecklistCatalog> ReadAsync(string json, int revision, CancellationToken ct)
    {
        if (json.Length > MaxDocumentLength)
        {
            throw new TooLargeException("チェックリストのファイルは {0} MB までです。", [MaxDocumentLength / 1024 / 1024], "file");
        }
        ImportFile file;
        try
        {
            file = JsonSerializer.Deserialize<ImportFile>(json, Json) ?? throw new InvalidInputException("チェックリストの JSON が空です。", "file");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("JSON として読めません（{0}、{1}行目）。", [e.Path ?? "$", (e.LineNumber ?? 0) + 1], e.Path ?? "file");
        }
        var previous = file.PreviousEdition is { Length: > 0 } p && p != file.Id ? await FindAsync(p, null, ct) : null;
        return CatalogReader.Build(file.Header, file.Checklists ?? [], _ => previous) with { Revision = revision };
    }

    public static void RequireInstallationAdmin(Actor actor)
    {
        if (!actor.IsInstallationAdmin)
        {
            throw new ForbiddenException("チェックリストの版を登録・訂正できるのはシステム全体の管理者だけです。");
        }
    }
}
