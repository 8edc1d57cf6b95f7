using System.Net;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Campaigns;

/// <summary>Campaigns:PublicBaseUrl from configuration, when set; it wins over the address stored on the page.</summary>
public sealed record ConfiguredPublicAddress(string? Url);

/// <summary>The address staff open the answering links at, where it came from, and the stored row's revision.</summary>
public sealed record PublicAddressSetting(string? Url, bool FromConfiguration, int Revision)
{
    public bool Missing => Url is null;
}

/// <summary>
/// The one address every staff link, QR sheet, CSV and email is built from. Never the address a request came
/// to: the administrator opens Mamori at localhost on the server PC (which no phone can open), and a request's
/// Host header is whatever the sender writes, so an invitation built from it could point anywhere.
/// </summary>
public sealed class PublicAddresses(MamoriDbContext db, ConfiguredPublicAddress configured, AuditLog audit, TimeProvider clock)
{
    public const string SettingKey = "campaigns.public-base-url";

    public const string MissingMessage = "職員が開く公開アドレスが設定されていないため、リンクを作れません。システム管理者が「公開アドレス」（/admin/public-address）で設定してください。";

    public async Task<PublicAddressSetting> GetAsync(CancellationToken ct = default)
    {
        var stored = await db.Set<InstallationSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        if (!string.IsNullOrWhiteSpace(configured.Url))
        {
            return new PublicAddressSetting(configured.Url.Trim().TrimEnd('/'), FromConfiguration: true, stored?.Revision ?? 0);
        }
        return new PublicAddressSetting(stored?.Value, FromConfiguration: false, stored?.Revision ?? 0);
    }

    /// <summary>Stores the address (installation administrators only); <paramref name="revision"/> is what the form read.</summary>
    public async Task SaveAsync(Actor actor, string? text, int revision, CancellationToken ct = default)
    {
        if (!actor.IsInstallationAdmin)
        {
            throw new ForbiddenException("公開アドレスを設定できるのは、インストール全体のシステム管理者だけです。");
        }
        if (!string.IsNullOrWhiteSpace(configured.Url))
        {
            throw new ConflictException("公開アドレスは設定ファイル（Campaigns:PublicBaseUrl）で指定されているため、この画面では変更できません。");
        }
        var url = Validate(text);
        var row = await db.Set<InstallationSetting>().FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        if ((row?.Revision ?? 0) != revision)
        {
            throw new ConflictException("他の人が先に公開アドレスを変更しました。再読み込みしてから変更してください。");
        }
        if (row is null)
        {
            // Revision 0 stands for "not set yet" in the form, so the first stored address is 1.
            row = new InstallationSetting { Key = SettingKey, Value = url, Revision = 1 };
            db.Add(row);
        }
        row.Value = url;
        row.ChangedAt = clock.GetUtcNow();
        row.ChangedBy = actor.UserId;
        audit.Record(actor, "public-address.change", "installation", null, detail: url);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent first save hits the primary key, a concurrent change the revision.
            throw new ConflictException("他の人が先に公開アドレスを変更しました。再読み込みしてから変更してください。");
        }
    }

    /// <summary>An http(s) address without query or fragment that a phone on the network can open: not this PC's loopback.</summary>
    public static string Validate(string? text)
    {
        const string Field = "url";
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("公開アドレスを入力してください（例：https://mamori.example-hospital.local）。", Field);
        }
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidInputException("公開アドレスは http:// か https:// で始まるアドレスで入力してください（例：https://mamori.example-hospital.local）。", Field);
        }
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidInputException("公開アドレスには ? や # 以降、ユーザー名を含めないでください。", Field);
        }
        if (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))))
        {
            throw new InvalidInputException("localhost や 127.0.0.1 は、このPCの中でしか開けません。職員のスマートフォンや院内のパソコンから開けるアドレス（サーバーのIPアドレスやホスト名）を入力してください。", Field);
        }
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public static string? Link(string? baseUrl, string? code) => baseUrl is null || code is null ? null : $"{baseUrl}/r/{code}";
}
