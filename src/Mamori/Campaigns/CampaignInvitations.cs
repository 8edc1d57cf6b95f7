using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Mamori.Mail;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Campaigns;

/// <summary>
/// Email invitations and reminders for person links that carry an address (when the hospital has a mail server).
/// The emails are queued in the same transaction as the log entry, and sent by the outbox.
/// </summary>
public sealed class CampaignInvitations(MamoriDbContext db, CampaignService campaigns, PublicAddresses addresses, MailOutbox outbox, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// Invites (or, with <paramref name="reminder"/>, reminds) every person link with an email that has not been
    /// answered yet; returns how many emails were queued.
    /// </summary>
    public async Task<int> SendAsync(Actor actor, Guid campaignId, bool reminder, CancellationToken ct = default)
    {
        var (campaign, facility) = await campaigns.LoadAsync(actor, campaignId, CampaignRight.Manage, ct);
        if (campaign.StateAt(clock.GetUtcNow()) == CampaignState.Closed)
        {
            throw new ConflictException("受付を終了した配布には送信できません。");
        }
        var baseUrl = (await addresses.GetAsync(ct)).Url
            ?? throw new ConflictException(PublicAddresses.MissingMessage);
        var people = await db.Set<CampaignLink>().AsNoTracking()
            .Where(l => l.CampaignId == campaignId && l.Kind == LinkKind.Person && l.PersonEmail != null && l.UsedAt == null)
            .Select(l => new { l.PersonName, l.PersonEmail, l.Code }).ToListAsync(ct);
        if (people.Count == 0)
        {
            throw new ConflictException("送信先がありません（メールアドレス付きの未回答の個人用リンクがありません）。");
        }
        var subject = (reminder ? "【再送】" : "") + $"{facility.Name}：{campaign.Title}（職員向けセキュリティチェック）のお願い";
        foreach (var p in people)
        {
            var body = $"""
                {p.PersonName} 様

                {facility.Name} の情報システム担当です。
                「{campaign.Title}」へのご回答をお願いします（10項目、数分で終わります）。

                回答期限: {JapaneseDates.Until(campaign.ClosesAt)}（日本時間）
                回答用リンク（あなた専用です。他の人に転送しないでください）:
                {PublicAddresses.Link(baseUrl, p.Code)}

                心当たりのないメールの場合は、リンクを開かずに情報システム担当へお知らせください。
                """;
            outbox.Enqueue(p.PersonEmail!, subject, body, reminder ? "campaign.remind" : "campaign.invite");
        }
        audit.Record(actor, reminder ? "campaign.remind" : "campaign.invite", "campaign", campaignId, detail: $"{people.Count} emails");
        await db.SaveChangesAsync(ct);
        return people.Count;
    }
}
