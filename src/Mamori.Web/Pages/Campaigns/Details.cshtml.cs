using Mamori.Campaigns;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>One campaign while it runs: responses per department, the links (with QR codes) and the person links.</summary>
public sealed class DetailsModel(CampaignService campaigns, CampaignInvitations invitations, PublicAddresses addresses, Mamori.Web.Infrastructure.SmtpSettings smtp) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Persons { get; set; }

    public CampaignDetail Detail { get; private set; } = null!;
    /// <summary>The public address links are built from; null until an administrator sets it.</summary>
    public string? BaseUrl { get; private set; }

    public bool InstallationAdmin { get; private set; }

    /// <summary>Named campaigns: the people with a person link who have not answered yet.</summary>
    public IReadOnlyList<PersonLinkView> NotAnswered { get; private set; } = [];

    /// <summary>Email buttons appear only when the hospital has configured a mail server.</summary>
    public bool MailConfigured => smtp.Configured;

    public Task<IActionResult> OnGetAsync() => LoadAsync(LoadDetailAsync);

    public Task<IActionResult> OnPostInviteAsync() => SendAsync(reminder: false);

    public Task<IActionResult> OnPostRemindAsync() => SendAsync(reminder: true);

    private Task<IActionResult> SendAsync(bool reminder) => TryAsync(async () =>
    {
        if (!smtp.Configured)
        {
            throw new Mamori.Common.ConflictException("メールサーバーが設定されていません（Smtp:Host / Smtp:From）。");
        }
        var count = await invitations.SendAsync(await ActorAsync(), Id, reminder);
        Flash = $"{count}通のメールを送信待ちにしました。数十秒以内に送信されます。";
        return Redirect($"/campaigns/{Id}#persons");
    }, async () =>
    {
        await LoadDetailAsync();
        return Page();
    });

    public Task<IActionResult> OnPostAddPersonsAsync() => TryAsync(async () =>
    {
        var added = await campaigns.AddPersonsAsync(await ActorAsync(), Id, Persons);
        Flash = $"{added}人分の個人用リンクを作成しました。CSVでダウンロードして配布してください。";
        return Redirect($"/campaigns/{Id}#persons");
    }, async () =>
    {
        await LoadDetailAsync();
        return Page();
    });

    public Task<IActionResult> OnPostAddLinksAsync() => TryAsync(async () =>
    {
        var added = await campaigns.AddMissingDepartmentLinksAsync(await ActorAsync(), Id);
        Flash = added == 0 ? "すべての部門にリンクがあります。" : $"{added}部門のリンクを作成しました。";
        return Redirect($"/campaigns/{Id}");
    }, async () =>
    {
        await LoadDetailAsync();
        return Page();
    });

    private async Task LoadDetailAsync()
    {
        var actor = await ActorAsync();
        Detail = await campaigns.GetAsync(actor, Id);
        BaseUrl = (await addresses.GetAsync()).Url;
        InstallationAdmin = actor.IsInstallationAdmin;
        if (Detail.CanManage && !Detail.Campaign.Anonymous && Detail.Persons > 0)
        {
            var (_, persons) = await campaigns.PersonLinksAsync(actor, Id, "campaign.persons.view");
            NotAnswered = persons.Where(p => p.UsedAt is null).ToList();
        }
    }
}
