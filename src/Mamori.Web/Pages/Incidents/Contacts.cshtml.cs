using Mamori.Common;
using Mamori.Facilities;
using Mamori.Incidents;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Incidents;

/// <summary>The facility's emergency contacts: authorities, own people with deputies, vendors; stale ones flagged.</summary>
public sealed class ContactsModel(FacilityService facilities, ContactService contacts, TimeProvider clock) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid FacilityId { get; set; }

    public Facility Facility { get; private set; } = null!;
    public IReadOnlyList<FacilityContact> Contacts { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanEdit { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(ReadAsync);

    public Task<IActionResult> OnPostAsync(Guid? contactId, string? kind, string? name, string? role, bool deputy, string? system, string? phone,
        string? email, string? hours, string? fallback, string? url, string? note, string? confirmedOn) => TryAsync(async () =>
    {
        var on = InputDates.ParseDay(confirmedOn, "confirmedOn", "確認日を正しく入力してください。");
        await contacts.SaveAsync(await ActorAsync(), FacilityId, contactId,
            new ContactInput(kind, name, role, deputy, system, phone, email, hours, fallback, url, note, on));
        Flash = "連絡先を保存しました。";
        return Redirect($"/facilities/{FacilityId}/contacts");
    }, async () =>
    {
        await ReadAsync();
        return Page();
    });

    private async Task ReadAsync()
    {
        var actor = await ActorAsync();
        Facility = await facilities.GetAsync(actor, FacilityId);
        Contacts = await contacts.ListAsync(actor, FacilityId);
        Today = JapaneseDates.TodayInJst(clock);
        CanEdit = actor.Has(FacilityId, Mamori.Accounts.Role.Admin);
    }
}
