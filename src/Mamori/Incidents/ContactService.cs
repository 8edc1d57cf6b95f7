using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Incidents;

/// <summary>What a contact form sends.</summary>
public sealed record ContactInput(string? Kind, string? Name, string? Role, bool Deputy, string? System, string? Phone, string? Email, string? Hours,
    string? Fallback, string? Url, string? Note, DateOnly? ConfirmedOn);

/// <summary>
/// A facility's emergency contacts (0-1): the authorities from the catalog's defaults, the facility's own people
/// with their deputies, and vendors per system. Everyone of the facility may read them (they are what you need
/// when systems are down); the facility's admin edits them.
/// </summary>
public sealed class ContactService(MamoriDbContext db, CatalogStore catalogs, TimeProvider clock, AuditLog audit)
{
    public static readonly IReadOnlyList<string> Kinds = ["mhlw", "support", "ipa", "ppc", "police", "prefecture", "internal", "vendor"];

    public static string KindLabel(string kind) => kind switch
    {
        "mhlw" => "厚生労働省",
        "support" => "初動対応支援",
        "ipa" => "IPA",
        "ppc" => "個人情報保護委員会",
        "police" => "警察",
        "prefecture" => "都道府県・保健所",
        "internal" => "院内の担当者",
        "vendor" => "ベンダー・委託業者",
        _ => kind,
    };

    public async Task<IReadOnlyList<FacilityContact>> ListAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        await RequireFacilityAsync(actor, facilityId, write: false, ct);
        var list = await db.Set<FacilityContact>().AsNoTracking().Where(c => c.FacilityId == facilityId).ToListAsync(ct);
        if (list.Count == 0)
        {
            // First look: the catalog's authorities become this facility's editable list.
            var flow = catalogs.Find(CatalogDefaults.CurrentId)?.IncidentFlow;
            var now = clock.GetUtcNow();
            list = (flow?.Contacts ?? []).Select(d => new FacilityContact
            {
                FacilityId = facilityId, DefaultKey = d.Key, Kind = d.Kind, Name = d.Name, Phone = d.Phone, Email = d.Email, Hours = d.Hours,
                Fallback = d.Fallback, Url = d.Url, Note = d.Note, History = d.History, ConfirmedOn = d.ConfirmedOn, UpdatedAt = now, UpdatedBy = "Mamori（既定値）",
            }).ToList();
            db.Set<FacilityContact>().AddRange(list);
            audit.Record(actor, "contacts.seed", "facility", facilityId);
        }
        audit.Record(actor, "contacts.view", "facility", facilityId);
        await db.SaveChangesAsync(ct);
        return list.OrderBy(c => Kinds.ToList().IndexOf(c.Kind)).ThenBy(c => c.History).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<FacilityContact> SaveAsync(Actor actor, Guid facilityId, Guid? id, ContactInput input, CancellationToken ct = default)
    {
        await RequireFacilityAsync(actor, facilityId, write: true, ct);
        var kind = input.Kind is { } k && Kinds.Contains(k) ? k : throw new InvalidInputException("種類を選んでください。", "kind");
        var contact = id is { } existing
            ? await db.Set<FacilityContact>().FirstOrDefaultAsync(c => c.Id == existing && c.FacilityId == facilityId, ct) ?? throw new NotFoundException("連絡先が見つかりません。")
            : db.Set<FacilityContact>().Add(new FacilityContact { FacilityId = facilityId, Kind = kind, Name = "", UpdatedAt = clock.GetUtcNow(), UpdatedBy = actor.Name }).Entity;
        contact.Kind = kind;
        contact.Name = Text.Required(input.Name, 200, "name", "名称");
        contact.Role = Text.Optional(input.Role, 100, "role", "役割");
        contact.Deputy = input.Deputy;
        contact.System = Text.Optional(input.System, 100, "system", "担当システム");
        contact.Phone = Text.Optional(input.Phone, 50, "phone", "電話番号");
        contact.Email = Text.Optional(input.Email, 200, "email", "メールアドレス");
        contact.Hours = Text.Optional(input.Hours, 100, "hours", "受付時間");
        contact.Fallback = Text.Optional(input.Fallback, 200, "fallback", "メール以外の連絡手段");
        contact.Url = Text.Optional(input.Url, 300, "url", "URL");
        contact.Note = Text.Optional(input.Note, IncidentService.ReasonMaxLength, "note", "メモ", multiline: true);
        if (input.ConfirmedOn is { } on && on > JapaneseDates.TodayInJst(clock))
        {
            throw new InvalidInputException("確認日に未来の日付は指定できません。", "confirmedOn");
        }
        contact.ConfirmedOn = InputDates.Check(input.ConfirmedOn, "confirmedOn");
        audit.Record(actor, id is null ? "contacts.add" : "contacts.edit", "facility", facilityId, detail: contact.Name);
        await db.SaveChangesAsync(ct);
        return contact;
    }

    /// <summary>0-1's check: each emergency role (経営層, 安全管理責任者, …) has a named person and a deputy.</summary>
    public static IReadOnlyList<string> RolesWithoutDeputy(IEnumerable<FacilityContact> contacts) =>
        contacts.Where(c => c.Kind == "internal" && c.Role is not null).GroupBy(c => c.Role!)
            .Where(g => !g.Any(c => !c.Deputy) || !g.Any(c => c.Deputy)).Select(g => g.Key).ToList();

    private async Task RequireFacilityAsync(Actor actor, Guid facilityId, bool write, CancellationToken ct)
    {
        if (!actor.CanSeeFacility(facilityId) || !await db.Facilities.AnyAsync(f => f.Id == facilityId, ct))
        {
            throw new NotFoundException("医療機関が見つかりません。");
        }
        if (write && !actor.Has(facilityId, Role.Admin))
        {
            throw new ForbiddenException("連絡先は医療情報システム安全管理責任者（管理者）が編集します。");
        }
    }
}
