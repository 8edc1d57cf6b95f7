using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Mamori.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Vendors;

/// <summary>What the register's form and the API send for one system and its vendor.</summary>
public sealed record VendorInput(string? SystemKind, string? SystemName, string? Company, string? ContactPerson, string? Email, string? Phone,
    DateOnly? ContractFrom, DateOnly? ContractUntil, bool Remote, string? RemoteMethod, string? Memo);

/// <summary>A vendor with its MDS/SDS file as stored (name, size, SHA-256), when one has been uploaded.</summary>
public sealed record VendorView(Vendor Vendor, StoredFile? Disclosure);

/// <summary>
/// The facility's register of systems and their vendors (issue 17). Everyone of the facility may read it (vendors
/// themselves, with the Vendor role, do not: it lists their competitors and how each one gets in); the facility's
/// administrator keeps it. Every change and every look at the list is in the access log.
/// </summary>
public sealed class VendorService(MamoriDbContext db, FileService files, TimeProvider clock, AuditLog audit)
{
    public const int NameMaxLength = 200;
    public const int MemoMaxLength = 2000;

    public async Task<IReadOnlyList<VendorView>> ListAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        await RequireFacilityAsync(actor, facilityId, write: false, ct);
        var vendors = await db.Set<Vendor>().AsNoTracking().Where(v => v.FacilityId == facilityId).ToListAsync(ct);
        var fileIds = vendors.Where(v => v.DisclosureFileId is not null).Select(v => v.DisclosureFileId!.Value).ToList();
        var disclosures = fileIds.Count == 0 ? []
            : await db.Set<StoredFile>().AsNoTracking().Where(f => fileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        audit.Record(actor, "vendor.list", "facility", facilityId);
        await db.SaveChangesAsync(ct);
        return [.. vendors.OrderBy(v => v.SystemKind).ThenBy(v => v.SystemName, StringComparer.Ordinal).ThenBy(v => v.Company, StringComparer.Ordinal)
            .Select(v => new VendorView(v, v.DisclosureFileId is { } f ? disclosures.GetValueOrDefault(f) : null))];
    }

    public async Task<VendorView> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var vendor = await FindAsync(actor, id, write: false, tracked: false, ct);
        var disclosure = vendor.DisclosureFileId is { } f ? await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == f, ct) : null;
        audit.Record(actor, "vendor.view", "vendor", id, detail: $"{vendor.SystemName} / {vendor.Company}");
        await db.SaveChangesAsync(ct);
        return new VendorView(vendor, disclosure);
    }

    public async Task<Vendor> CreateAsync(Actor actor, Guid facilityId, VendorInput input, CancellationToken ct = default)
    {
        await RequireFacilityAsync(actor, facilityId, write: true, ct);
        var vendor = new Vendor { FacilityId = facilityId, SystemName = "", Company = "", Email = "", CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Name };
        Apply(vendor, input);
        vendor.UpdatedAt = vendor.CreatedAt;
        vendor.UpdatedBy = actor.Name;
        db.Set<Vendor>().Add(vendor);
        audit.Record(actor, "vendor.create", "vendor", vendor.Id, detail: $"{vendor.SystemName} / {vendor.Company}");
        await SaveAsync(ct);
        return vendor;
    }

    /// <summary>Saves the form over the record, unless someone saved it since <paramref name="seenRevision"/> (null: unconditionally, as the API without If-Match).</summary>
    public async Task<Vendor> UpdateAsync(Actor actor, Guid id, VendorInput input, int? seenRevision, CancellationToken ct = default)
    {
        var vendor = await FindAsync(actor, id, write: true, tracked: true, ct);
        CheckRevision(vendor, seenRevision);
        Apply(vendor, input);
        audit.Record(actor, "vendor.update", "vendor", id, detail: $"{vendor.SystemName} / {vendor.Company}");
        await SaveAsync(ct);
        return vendor;
    }

    /// <summary>Takes a system off the register (replaced, or the contract ended). Its MDS/SDS file stays, with its hash and custody.</summary>
    public async Task DeleteAsync(Actor actor, Guid id, int? seenRevision = null, CancellationToken ct = default)
    {
        var vendor = await FindAsync(actor, id, write: true, tracked: true, ct);
        CheckRevision(vendor, seenRevision);
        db.Set<Vendor>().Remove(vendor);
        audit.Record(actor, "vendor.delete", "vendor", id, detail: $"{vendor.SystemName} / {vendor.Company}");
        await SaveAsync(ct);
    }

    /// <summary>A new MDS/SDS for the vendor, with the version and date it states; the file is hashed with SHA-256 on arrival.</summary>
    public async Task<StoredFile> AttachDisclosureAsync(Actor actor, Guid id, Upload upload, string? version, DateOnly? date, int? seenRevision, CancellationToken ct = default)
    {
        var vendor = await FindAsync(actor, id, write: true, tracked: true, ct);
        CheckRevision(vendor, seenRevision);
        var on = InputDates.Check(date, "mdsDate") ?? throw new InvalidInputException("MDS/SDSの日付を入力してください。", "mdsDate");
        if (on > JapaneseDates.TodayInJst(clock))
        {
            throw new InvalidInputException("MDS/SDSの日付に未来の日付は指定できません。", "mdsDate");
        }
        var label = Text.Optional(version, 50, "mdsVersion", "MDS/SDSの版");
        var file = files.QueueVendorDisclosure(actor, vendor.FacilityId, upload);
        vendor.DisclosureFileId = file.Id;
        vendor.DisclosureVersion = label;
        vendor.DisclosureDate = on;
        audit.Record(actor, "vendor.mds", "vendor", id, detail: $"{file.FileName} {file.Sha256}");
        await SaveAsync(ct);
        return file;
    }

    /// <summary>
    /// Checks every field before touching the record: a refused form must leave the tracked entity as it was, or the
    /// next save of this request (the redisplayed page logs its view) would write half of it.
    /// </summary>
    private static void Apply(Vendor vendor, VendorInput input)
    {
        var kind = input.SystemKind is null ? SystemKind.Other
            : SystemKinds.Parse(input.SystemKind) ?? throw new InvalidInputException("システムの種類は ehr / pacs / departmental / network / other のいずれかを指定してください。", "systemKind");
        var systemName = Text.Required(input.SystemName, NameMaxLength, "system", "システム名");
        var company = Text.Required(input.Company, NameMaxLength, "name", "事業者名");
        var contactPerson = Text.Optional(input.ContactPerson, 100, "contactPerson", "担当者");
        var email = CheckEmail(Text.Required(input.Email, 200, "email", "メールアドレス"));
        var phone = Text.Optional(input.Phone, 50, "phone", "電話番号");
        var from = InputDates.Check(input.ContractFrom, "contractFrom");
        var until = InputDates.Check(input.ContractUntil, "contractUntil");
        if (from > until)
        {
            throw new InvalidInputException("保守契約の終了日が開始日より前になっています。", "contractUntil");
        }
        var remoteMethod = Text.Optional(input.RemoteMethod, 200, "remoteMethod", "リモート接続の方法");
        var memo = Text.Optional(input.Memo, MemoMaxLength, "memo", "メモ", multiline: true);
        (vendor.SystemKind, vendor.SystemName, vendor.Company, vendor.ContactPerson, vendor.Email, vendor.Phone) = (kind, systemName, company, contactPerson, email, phone);
        (vendor.ContractFrom, vendor.ContractUntil, vendor.Remote, vendor.RemoteMethod, vendor.Memo) = (from, until, input.Remote, remoteMethod, memo);
    }

    /// <summary>One address, as a mail program would take it: something@domain, no spaces, no list of several.</summary>
    private static string CheckEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var valid = at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(c => char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>')
            && email[(at + 1)..].Contains('.', StringComparison.Ordinal) && !email.EndsWith('.');
        return valid ? email : throw new InvalidInputException("メールアドレスの形式が正しくありません（例：support@example.co.jp）。", "email");
    }

    private static void CheckRevision(Vendor vendor, int? seenRevision)
    {
        if (seenRevision is { } seen && seen != vendor.Revision)
        {
            throw Conflicted();
        }
    }

    private static ConflictException Conflicted() =>
        new("このシステム・事業者の登録は他の人が先に変更しました。画面を再読み込みしてから操作してください。");

    private async Task<Vendor> FindAsync(Actor actor, Guid id, bool write, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Set<Vendor>() : db.Set<Vendor>().AsNoTracking();
        var vendor = await query.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (vendor is null || !actor.CanSeeFacility(vendor.FacilityId))
        {
            if (vendor is not null)
            {
                await audit.WriteAsync(actor, "vendor.access", "vendor", id, AuditResult.Denied, ct: ct);
            }
            throw new NotFoundException("システム・事業者の登録が見つかりません。");
        }
        if (write)
        {
            RequireAdmin(actor, vendor.FacilityId);
        }
        return vendor;
    }

    private async Task RequireFacilityAsync(Actor actor, Guid facilityId, bool write, CancellationToken ct)
    {
        if (!actor.CanSeeFacility(facilityId) || !await db.Facilities.AnyAsync(f => f.Id == facilityId, ct))
        {
            throw new NotFoundException("医療機関が見つかりません。");
        }
        if (write)
        {
            RequireAdmin(actor, facilityId);
        }
    }

    private static void RequireAdmin(Actor actor, Guid facilityId)
    {
        if (!actor.Has(facilityId, Role.Admin))
        {
            throw new ForbiddenException("システムと事業者の登録は医療情報システム安全管理責任者（管理者）が編集します。");
        }
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Nothing of the refused change may ride along with this request's next save (a redisplayed page logs its view).
            db.ChangeTracker.Clear();
            throw Conflicted();
        }
    }
}
