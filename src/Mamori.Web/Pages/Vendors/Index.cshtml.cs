using Mamori.Accounts;
using Mamori.Common;
using Mamori.Facilities;
using Mamori.Vendors;
using Mamori.Web.Pages.Incidents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Vendors;

/// <summary>
/// 「システムと事業者」: the facility's register of systems, their vendors, maintenance contracts, remote access and
/// MDS/SDS, printable on A4. One form adds a system, or edits the one named by ?edit= (with its MDS/SDS upload).
/// </summary>
public sealed class IndexModel(FacilityService facilities, VendorService vendors, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid FacilityId { get; set; }

    public Facility Facility { get; private set; } = null!;
    public IReadOnlyList<VendorView> Vendors { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanEdit { get; private set; }

    /// <summary>The vendor the form edits (null: the form adds one).</summary>
    public Vendor? Editing { get; private set; }

    /// <summary>What the form shows: the record being edited, or what was posted when it was refused.</summary>
    public VendorForm Form { get; private set; } = new();

    public Task<IActionResult> OnGetAsync(Guid? edit) => LoadAsync(() => ReadAsync(edit));

    public Task<IActionResult> OnPostSaveAsync(Guid? vendorId, int? revision, VendorForm form)
    {
        Form = form;
        return TryAsync(async () =>
        {
            var actor = await ActorAsync();
            var input = form.ToInput();
            if (vendorId is { } id)
            {
                await vendors.UpdateAsync(actor, id, input, revision ?? -1);
                Flash = localizer["システムと事業者の登録を保存しました。"];
            }
            else
            {
                await vendors.CreateAsync(actor, FacilityId, input);
                Flash = localizer["システムと事業者を登録しました。"];
            }
            return Redirect($"/facilities/{FacilityId}/vendors");
        }, () => RedisplayAsync(vendorId));
    }

    public Task<IActionResult> OnPostDeleteAsync(Guid vendorId, int? revision) => TryAsync(async () =>
    {
        await vendors.DeleteAsync(await ActorAsync(), vendorId, revision ?? -1);
        Flash = localizer["システムと事業者の登録を削除しました。"];
        return Redirect($"/facilities/{FacilityId}/vendors");
    }, () => RedisplayAsync(vendorId));

    public Task<IActionResult> OnPostMdsAsync(Guid vendorId, int? revision, IFormFile? file, string? mdsVersion, string? mdsDate) => TryAsync(async () =>
    {
        var date = InputDates.ParseDay(mdsDate, "mdsDate", "MDS/SDSの日付を正しく入力してください。");
        var upload = await Uploads.ReadAsync(file, Mamori.Incidents.FileService.DisclosureMaxBytes);
        await vendors.AttachDisclosureAsync(await ActorAsync(), vendorId, upload, mdsVersion, date, revision ?? -1);
        Flash = localizer["MDS/SDSを登録しました。"];
        return Redirect($"/facilities/{FacilityId}/vendors");
    }, () => RedisplayAsync(vendorId));

    /// <summary>
    /// A refused form is shown again with what was typed; after a conflict (someone saved first) the form shows what is
    /// stored now, with its new revision, so the next save is a decision made on the current record.
    /// </summary>
    private async Task<IActionResult> RedisplayAsync(Guid? vendorId)
    {
        var typed = Form;
        await ReadAsync(vendorId);
        if (Response.StatusCode != StatusCodes.Status409Conflict && Editing?.Id == vendorId)
        {
            Form = typed;
        }
        return Page();
    }

    private async Task ReadAsync(Guid? edit)
    {
        var actor = await ActorAsync();
        Facility = await facilities.GetAsync(actor, FacilityId);
        Vendors = await vendors.ListAsync(actor, FacilityId);
        Today = JapaneseDates.TodayInJst(clock);
        CanEdit = actor.Has(FacilityId, Role.Admin);
        Editing = CanEdit && edit is { } id ? Vendors.FirstOrDefault(v => v.Vendor.Id == id)?.Vendor : null;
        Form = Editing is { } v ? VendorForm.From(v) : new VendorForm();
    }
}

/// <summary>The register's form as posted; field names are the API's, so a refusal's field names the input.</summary>
public sealed class VendorForm
{
    public string? SystemKind { get; set; }
    public string? System { get; set; }
    public string? Name { get; set; }
    public string? ContactPerson { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? ContractFrom { get; set; }
    public string? ContractUntil { get; set; }
    public bool Remote { get; set; }
    public string? RemoteMethod { get; set; }
    public string? Memo { get; set; }

    public VendorInput ToInput() => new(SystemKind, System, Name, ContactPerson, Email, Phone,
        InputDates.ParseDay(ContractFrom, "contractFrom", "保守契約の開始日を正しく入力してください。"),
        InputDates.ParseDay(ContractUntil, "contractUntil", "保守契約の終了日を正しく入力してください。"),
        Remote, RemoteMethod, Memo);

    public static VendorForm From(Vendor v) => new()
    {
        SystemKind = v.SystemKind.ToKey(), System = v.SystemName, Name = v.Company, ContactPerson = v.ContactPerson, Email = v.Email, Phone = v.Phone,
        ContractFrom = v.ContractFrom is { } from ? JapaneseDates.Iso(from) : null, ContractUntil = v.ContractUntil is { } until ? JapaneseDates.Iso(until) : null,
        Remote = v.Remote, RemoteMethod = v.RemoteMethod, Memo = v.Memo,
    };
}
