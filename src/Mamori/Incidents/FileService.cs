using System.Security.Cryptography;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Incidents;

/// <summary>What an upload form hands over.</summary>
/// <remarks><paramref name="ClaimedType"/> is the content type the browser sent; only a diagram's is checked against its bytes.</remarks>
public sealed record Upload(string? FileName, byte[] Bytes, string? CollectedBy = null, string? CollectedFrom = null, DateTimeOffset? CollectedAt = null, string? Note = null,
    string? ClaimedType = null);

public sealed record FileWithCustody(StoredFile File, IReadOnlyList<CustodyEntry> Custody);

/// <summary>
/// Evidence (2-14) and network diagrams (0-2), kept in the database so every app node serves the same bytes.
/// Evidence is hashed with SHA-256 on arrival and never changed; every download re-checks the hash and is
/// written to the file's chain of custody.
/// </summary>
public sealed class FileService(MamoriDbContext db, IncidentService incidents, TimeProvider clock, AuditLog audit)
{
    public const int EvidenceMaxBytes = 25 * 1024 * 1024;
    public const int DiagramMaxBytes = 10 * 1024 * 1024;
    public const int DisclosureMaxBytes = 10 * 1024 * 1024;

    public async Task<StoredFile> AddEvidenceAsync(Actor actor, Guid incidentId, Upload upload, CancellationToken ct = default)
    {
        var incident = await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct);
        var facility = await incidents.AccessAsync(actor, incident, ct);
        RequireManager(actor, facility.Id);
        incident!.EnsureOpen();
        var bytes = Check(upload, EvidenceMaxBytes, "証拠ファイル");
        var now = clock.GetUtcNow();
        var collectedAt = InputDates.Check(upload.CollectedAt, "collectedAt")?.ToUniversalTime();
        // Evidence is collected before it is registered: a later 収集日時 would make the chain of custody impossible.
        if (collectedAt > now)
        {
            throw new InvalidInputException("収集日時（{0}）が登録の日時（{1}）より後になっています。収集した日時を入力してください。",
                [JapaneseDates.Moment(collectedAt.Value), JapaneseDates.Moment(now)], "collectedAt");
        }
        var file = NewFile(actor, facility.Id, incidentId, FilePurpose.Evidence, upload, bytes, "application/octet-stream", now);
        file.CollectedBy = Text.Optional(upload.CollectedBy, 100, "collectedBy", "収集者") ?? actor.Name;
        file.CollectedFrom = Text.Required(upload.CollectedFrom, 200, "collectedFrom", "収集元（機器・アカウント・ログ等）");
        file.CollectedAt = collectedAt ?? now;
        db.Set<CustodyEntry>().Add(new CustodyEntry { FileId = file.Id, At = now, Action = "received", By = actor.Name, Note = $"SHA-256 {file.Sha256}" });
        incidents.RecordEvent(incidentId, actor, IncidentEventKind.Upload, $"証拠を保全しました：{file.FileName}（SHA-256：{file.Sha256}、収集元：{file.CollectedFrom}）", "2-14");
        audit.Record(actor, "incident.evidence.add", "incident", incidentId, detail: $"{file.Id} {file.Sha256}");
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>0-2: a new version of the facility's network diagram (PDF, PNG or SVG; checked by content, not name).</summary>
    public async Task<StoredFile> AddDiagramAsync(Actor actor, Guid facilityId, Upload upload, CancellationToken ct = default)
    {
        if (!actor.CanSeeFacility(facilityId) || !await db.Facilities.AnyAsync(f => f.Id == facilityId, ct))
        {
            throw new NotFoundException("医療機関が見つかりません。");
        }
        RequireManager(actor, facilityId);
        var bytes = Check(upload, DiagramMaxBytes, "ネットワーク構成図");
        var type = Diagrams.Check(bytes, upload.FileName, upload.ClaimedType);
        var now = clock.GetUtcNow();
        var latest = await db.Set<StoredFile>().Where(f => f.FacilityId == facilityId && f.Purpose == FilePurpose.NetworkDiagram).MaxAsync(f => (int?)f.Version, ct) ?? 0;
        var file = NewFile(actor, facilityId, null, FilePurpose.NetworkDiagram, upload, bytes, type, now);
        file.Version = latest + 1;
        db.Set<CustodyEntry>().Add(new CustodyEntry { FileId = file.Id, At = now, Action = "received", By = actor.Name, Note = $"SHA-256 {file.Sha256}" });
        audit.Record(actor, "facility.diagram.add", "facility", facilityId, detail: $"v{file.Version} {file.Sha256}");
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>
    /// A vendor's MDS/SDS, hashed with SHA-256 on arrival like every stored file. Queued only: the register's change
    /// that points at it (Vendors/VendorService.cs) saves both, with its access-log entry, in one unit of work.
    /// </summary>
    public StoredFile QueueVendorDisclosure(Actor actor, Guid facilityId, Upload upload)
    {
        RequireManager(actor, facilityId);
        var bytes = Check(upload, DisclosureMaxBytes, "MDS/SDS");
        var type = bytes.AsSpan().StartsWith("%PDF-"u8) ? "application/pdf" : "application/octet-stream";
        var now = clock.GetUtcNow();
        var file = NewFile(actor, facilityId, null, FilePurpose.VendorDisclosure, upload, bytes, type, now);
        db.Set<CustodyEntry>().Add(new CustodyEntry { FileId = file.Id, At = now, Action = "received", By = actor.Name, Note = $"SHA-256 {file.Sha256}" });
        return file;
    }

    /// <summary>
    /// The evidence of an incident the actor has just opened: pass the view <see cref="IncidentService.GetAsync"/>
    /// returned, which checked access and logged the view, so neither is repeated here (nor the two reads they need).
    /// </summary>
    public Task<IReadOnlyList<FileWithCustody>> EvidenceAsync(IncidentView view, CancellationToken ct = default)
    {
        var incidentId = view.Incident.Id;
        return WithCustodyAsync(db.Set<StoredFile>().AsNoTracking().Where(f => f.IncidentId == incidentId && f.Purpose == FilePurpose.Evidence), ct);
    }

    public async Task<IReadOnlyList<StoredFile>> DiagramsAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        if (!actor.CanSeeFacility(facilityId))
        {
            throw new NotFoundException("医療機関が見つかりません。");
        }
        return await db.Set<StoredFile>().AsNoTracking().Where(f => f.FacilityId == facilityId && f.Purpose == FilePurpose.NetworkDiagram)
            .OrderByDescending(f => f.Version).ToListAsync(ct);
    }

    /// <summary>The bytes, after checking they still hash to what was recorded on arrival; the download joins the chain of custody.</summary>
    public async Task<(StoredFile File, byte[] Bytes)> DownloadAsync(Actor actor, Guid fileId, CancellationToken ct = default)
    {
        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null || !actor.CanSeeFacility(file.FacilityId))
        {
            throw new NotFoundException("ファイルが見つかりません。");
        }
        if (file.Purpose == FilePurpose.Evidence)
        {
            RequireManagerOrExecutive(actor, file.FacilityId);
        }
        var bytes = await db.Set<StoredFileContent>().AsNoTracking().Where(c => c.FileId == fileId).Select(c => c.Bytes).FirstAsync(ct);
        var hash = Sha256(bytes);
        var intact = hash == file.Sha256;
        db.Set<CustodyEntry>().Add(new CustodyEntry
        {
            FileId = fileId, At = clock.GetUtcNow(), Action = intact ? "downloaded" : "hash-mismatch", By = actor.Name, Note = intact ? null : $"SHA-256 {hash}",
        });
        audit.Record(actor, "file.download", "file", fileId, intact ? AuditResult.Success : AuditResult.Denied, detail: file.FileName);
        await db.SaveChangesAsync(ct);
        if (!intact)
        {
            throw new ConflictException("ファイルの内容が保全時のハッシュ値と一致しません。改ざんの可能性があるため提供できません。管理者に連絡してください。");
        }
        return (file, bytes);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<IReadOnlyList<FileWithCustody>> WithCustodyAsync(IQueryable<StoredFile> files, CancellationToken ct)
    {
        var list = await files.OrderBy(f => f.UploadedAt).ToListAsync(ct);
        if (list.Count == 0)
        {
            return [];
        }
        var ids = list.Select(f => f.Id).ToList();
        var custody = await db.Set<CustodyEntry>().AsNoTracking().Where(c => ids.Contains(c.FileId)).OrderBy(c => c.Id).ToListAsync(ct);
        return list.Select(f => new FileWithCustody(f, custody.Where(c => c.FileId == f.Id).ToList())).ToList();
    }

    private StoredFile NewFile(Actor actor, Guid facilityId, Guid? incidentId, FilePurpose purpose, Upload upload, byte[] bytes, string type, DateTimeOffset now)
    {
        var name = Path.GetFileName(Text.Optional(upload.FileName, 255, "file", "ファイル名") ?? "file");
        var file = new StoredFile
        {
            FacilityId = facilityId, IncidentId = incidentId, Purpose = purpose, FileName = name, ContentType = type, Size = bytes.Length,
            Sha256 = Sha256(bytes), UploadedAt = now, UploadedBy = actor.Name,
            Note = Text.Optional(upload.Note, IncidentService.ReasonMaxLength, "note", "メモ", multiline: true),
        };
        db.Set<StoredFile>().Add(file);
        db.Set<StoredFileContent>().Add(new StoredFileContent { FileId = file.Id, Bytes = bytes });
        return file;
    }

    private static byte[] Check(Upload upload, int max, string label)
    {
        if (upload.Bytes.Length == 0)
        {
            throw new InvalidInputException("{0}を選んでください。", [label], "file");
        }
        if (upload.Bytes.Length > max)
        {
            throw new TooLargeException("{0}は{1}MB以下にしてください。", [label, max / 1024 / 1024], "file");
        }
        return upload.Bytes;
    }

    private static void RequireManager(Actor actor, Guid facilityId)
    {
        if (!actor.Has(facilityId, Role.Admin))
        {
            throw new ForbiddenException("この操作は医療情報システム安全管理責任者（管理者）が行います。");
        }
    }

    private static void RequireManagerOrExecutive(Actor actor, Guid facilityId)
    {
        if (!actor.Has(facilityId, Role.Admin) && !actor.Has(facilityId, Role.Executive))
        {
            throw new ForbiddenException("証拠ファイルは経営層または医療情報システム安全管理責任者だけが取り出せます。");
        }
    }
}
