using Mamori.Common;
using Mamori.Printing;
using static Mamori.Printing.LineBreaker;

namespace Mamori.Audit;

/// <summary>
/// The access log on paper (for the 立入検査 file or the periodic review): the verification of every chain, each
/// chain's last anchor to write down or compare with an earlier printout, and the entries the filter selects.
/// </summary>
public static class AccessLogReport
{
    /// <summary>Past this many entries the report says so and points to the CSV export: paper is for reading.</summary>
    public const int MaxEntries = 3000;

    public static PrintDocument Compose(AuditVerification verification, IReadOnlyList<(AuditAnchor Anchor, string? Facility)> anchors,
        AuditPage page, string filter, DateTimeOffset printedAt)
    {
        var (entries, more) = (page.Entries, page.More);
        var title = "アクセスログ報告書";
        var pdf = new PrintDocument(title, $"Mamori　{title}　印刷：{JapaneseDates.DateTime(printedAt)}");
        pdf.Heading(title, 18)
            .Paragraph($"印刷日時：{JapaneseDates.DateTime(printedAt)}（日本時間）　条件：{(filter.Length == 0 ? "すべて" : filter)}", 9);

        pdf.Heading("1. 改ざんの検証", 14)
            .Paragraph(verification.Break is null
                ? $"すべてのチェーンで異常はありません（{verification.Checked:N0}件を確認）。"
                : "異常が見つかりました。下記のチェーンを確認し、バックアップと照合してください。", 11);
        foreach (var chain in verification.Chains)
        {
            var name = Name(chain.Chain, anchors);
            pdf.Paragraph($"■ {Keep(name)}：{chain.Checked:N0}件確認、末尾 {chain.Head:N0}番　{(chain.Break is null ? "異常なし" : "異常あり")}", 10);
            if (chain.Break is not null)
            {
                pdf.Paragraph(chain.Break, 9, indent: 12);
            }
        }

        pdf.Heading("2. 最新のアンカー（書き留めて保管してください）", 14)
            .Paragraph("各チェーンの件数と最後のハッシュは、データベースとは別のファイルに追記されています。次回の印刷と比べて件数が減っていたり、同じ件数でハッシュが違ったりすれば、記録が削除・書き換えられています。", 9);
        if (anchors.Count == 0)
        {
            pdf.Paragraph("まだアンカーは書き込まれていません。", 10);
        }
        foreach (var (anchor, facility) in anchors)
        {
            pdf.Paragraph($"■ {Keep(facility ?? "全体共通")}：{anchor.Count:N0}件　{JapaneseDates.DateTime(anchor.At)}", 10)
                .Paragraph($"ハッシュ：{anchor.Hash}", 9, indent: 12);
        }

        pdf.Heading($"3. 記録（{entries.Count:N0}件{(more ? $"、先頭の{MaxEntries:N0}件のみ。すべてはCSVで出力してください" : "")}）", 14);
        foreach (var e in entries)
        {
            // The same names as the page (AuditNames); the code and id stay, in brackets, for matching with the CSV.
            var target = e.TargetKind is null ? "" : $"　{AuditNames.TargetKind(e.TargetKind)}：{page.TargetName(e) ?? e.TargetId}";
            var detail = e.Detail is null ? "" : $"（{e.Detail}）";
            pdf.Paragraph($"#{e.Id}　{JapaneseDates.DateTime(e.At)}　{Keep(e.UserName)}{(e.Vendor ? "［事業者］" : "")}　{AuditNames.Action(e.Action)}［{e.Action}］{detail}{target}　{AuditNames.Result(e.Result)}　{e.Client}", 8);
        }
        return pdf;
    }

    private static string Name(string chain, IReadOnlyList<(AuditAnchor Anchor, string? Facility)> anchors) =>
        chain == AuditChain.Installation ? "全体共通" : anchors.FirstOrDefault(a => a.Anchor.Chain == chain).Facility ?? chain;
}
