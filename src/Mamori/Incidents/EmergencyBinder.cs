using Mamori.Catalog;
using Mamori.Common;
using Mamori.Incidents.Reports;
using Mamori.Printing;
using static Mamori.Printing.LineBreaker;

namespace Mamori.Incidents;

/// <summary>A person of the facility who holds a role in Mamori (its administrators and executives), for the binder's list of in-house people.</summary>
public sealed record BinderPerson(string Name, string Role, string? Email, string? Phone);

/// <summary>The latest network diagram (0-2); <see cref="Bytes"/> only when it is an image the binder can print (PNG, JPEG).</summary>
public sealed record BinderDiagram(string FileName, string ContentType, int Version, DateTimeOffset UploadedAt, string UploadedBy, string? Note, byte[]? Bytes);

/// <summary>
/// The emergency binder: one printout for the drawer, for the day Mamori itself is unreachable. The in-house people
/// (safety manager, deputies, executives), the outside contacts, the latest network diagram, the decision after 2-1,
/// each role's steps, the report forms and blank logs for paper operation; dated. An empty field prints as 未登録,
/// never as a blank or a missing glyph, so a reader knows it was not recorded rather than lost.
/// </summary>
public static class EmergencyBinder
{
    public const string NotRecorded = "未登録";

    /// <summary>The in-house roles 0-1 asks for, each with a person and a deputy; a contact holds one when its role mentions the key (経営層（院長）).</summary>
    private static readonly (string Label, string Key)[] RequiredRoles = [("医療情報システム安全管理責任者", "安全管理責任者"), ("経営層", "経営層")];

    private static bool Holds(FacilityContact c, string key) => c.Role?.Contains(key, StringComparison.Ordinal) == true;

    public static PrintDocument Compose(string facilityName, IReadOnlyList<FacilityContact> contacts, IncidentFlow flow, DateOnly today,
        IReadOnlyList<BinderPerson>? people = null, BinderDiagram? diagram = null)
    {
        var title = $"緊急時対応バインダー　{Keep(facilityName)}";
        var pdf = new PrintDocument(Visible(title), $"{facilityName}　作成日：{JapaneseDates.Long(today)}");
        pdf.Heading(title, 18).Paragraph($"作成日：{JapaneseDates.Long(today)}　Mamoriが使えないときのための印刷版です。内容が古くなったら作り直してください。「{NotRecorded}」はMamoriに登録されていない項目です。", 9);

        var current = contacts.Where(c => !c.History).ToList();
        var inHouse = current.Where(c => c.Kind == "internal").ToList();
        pdf.Heading("1. 院内の体制（担当者と代理）", 15);
        foreach (var (role, key) in RequiredRoles)
        {
            var holders = inHouse.Where(c => Holds(c, key)).ToList();
            pdf.Heading(role, 12);
            foreach (var (deputy, label) in new[] { (false, "担当者"), (true, "代理") })
            {
                var named = holders.Where(c => c.Deputy == deputy).ToList();
                if (named.Count == 0)
                {
                    pdf.Paragraph($"{label}：{NotRecorded}", 10.5, indent: 12);
                }
                foreach (var c in named)
                {
                    Contact(pdf, c, $"{label}：");
                }
            }
        }
        var others = inHouse.Where(c => !RequiredRoles.Any(r => Holds(c, r.Key))).ToList();
        if (others.Count > 0)
        {
            pdf.Heading("その他の院内の担当者", 12);
            foreach (var c in others)
            {
                Contact(pdf, c, "");
            }
        }
        var missing = ContactService.RolesWithoutDeputy(contacts);
        if (missing.Count > 0)
        {
            pdf.Paragraph($"※ 担当者と代理の両方が登録されていない役割：{string.Join("、", missing)}", 10);
        }
        if (people is { Count: > 0 })
        {
            pdf.Heading("Mamoriで役割を持つ人", 12);
            foreach (var p in people)
            {
                pdf.Paragraph($"■ {Keep(p.Name)}（{p.Role}）　電話：{Or(p.Phone)}　メール：{Or(p.Email)}", 10.5);
            }
        }

        pdf.Heading("2. 院外の緊急連絡先", 15);
        var outside = current.Where(c => c.Kind != "internal").ToList();
        if (outside.Count == 0)
        {
            pdf.Paragraph($"院外の連絡先：{NotRecorded}", 10.5);
        }
        foreach (var c in outside)
        {
            Contact(pdf, c, "");
        }

        Diagram(pdf, diagram);
        pdf.PageBreak().Heading("4. 原因調査（2-1）の後の判断", 15).Paragraph(flow.Decision.Question)
            .Paragraph($"・{flow.Decision.Signs.Label} → {string.Join("、", flow.Decision.Signs.Steps)}（被害拡大防止・報告・証拠保全）", 10.5, 12)
            .Paragraph($"・{flow.Decision.NoSigns.Label} → {string.Join("、", flow.Decision.NoSigns.Steps)}（ベンダー作業・ネットワーク・電源／機器の確認、IPA等への相談）", 10.5, 12);

        pdf.PageBreak().Heading("5. 役割ごとの手順", 15);
        foreach (var role in flow.Roles)
        {
            pdf.Heading(role.Label, 13);
            foreach (var step in flow.Steps.Where(s => s.IsFor(role.Key)))
            {
                pdf.Paragraph($"□ {step.Id} {step.Title}{(step.Path == FlowPath.Always ? "" : step.Path == FlowPath.Signs ? "（兆候ありの場合）" : "（兆候なしの場合）")}", 11);
                foreach (var section in step.Sections.Where(x => x.Roles.Contains(role.Key)))
                {
                    pdf.Paragraph(step.TextMissing ? "（原文の本文が欠けています）" : section.Text, 9.5, indent: 14);
                }
            }
        }

        pdf.PageBreak().Heading("6. 報告書の様式", 15);
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            pdf.Heading(ReportDrafter.TitleOf(kind), 12);
            foreach (var heading in ReportDrafter.Headings(kind))
            {
                pdf.Paragraph("■ " + heading, 10).BlankLines(2, 20);
            }
        }

        pdf.PageBreak().Heading("7. 紙運用の記録用紙", 15)
            .Paragraph("経過記録（日時／出来事・判断・指示／記録者）", 11).BlankLines(14)
            .Heading("証拠保全の記録（収集日時／収集者／収集元／内容・保管場所）", 11).BlankLines(8)
            .PageBreak().Heading("使用を停止した機器の記録（機器・場所／停止日時／停止した人／復旧日時）", 11).BlankLines(14);
        return pdf;
    }

    private static void Contact(PrintDocument pdf, FacilityContact c, string label)
    {
        var confirmed = c.ConfirmedOn is { } on ? JapaneseDates.Long(on) : "未確認";
        var about = string.Join("・", new[] { ContactService.KindLabel(c.Kind), c.Role, c.Deputy ? "代理" : null, c.System }.Where(x => !string.IsNullOrWhiteSpace(x)));
        pdf.Paragraph($"■ {label}{Keep(c.Name)}（{about}）", 11)
            .Paragraph($"電話：{Or(c.Phone)}　メール：{Or(c.Email)}　受付時間：{Or(c.Hours)}", 10, indent: 12)
            .Paragraph($"メール以外の連絡手段：{Or(c.Fallback)}　最終確認日：{confirmed}", 10, indent: 12);
        if (!string.IsNullOrWhiteSpace(c.Url))
        {
            pdf.Paragraph($"URL：{c.Url}", 9, indent: 12);
        }
        if (!string.IsNullOrWhiteSpace(c.Note))
        {
            pdf.Paragraph($"メモ：{c.Note}", 9, indent: 12);
        }
    }

    /// <summary>
    /// 0-2: the latest network diagram, printed on its own page when it is a PNG or JPEG. A PDF or SVG diagram is not
    /// redrawn here (PDFsharp draws neither reliably): the binder names it and asks for its paper copy to be filed behind.
    /// </summary>
    private static void Diagram(PrintDocument pdf, BinderDiagram? diagram)
    {
        pdf.PageBreak().Heading("3. ネットワーク構成図（0-2）", 15);
        if (diagram is null)
        {
            pdf.Paragraph($"ネットワーク構成図：{NotRecorded}（Mamoriの「体制整備」ページで登録してください。紙の構成図があれば、このページの後ろに綴じてください）", 10.5);
            return;
        }
        pdf.Paragraph($"最新の構成図：{Keep(diagram.FileName)}（第{diagram.Version}版、{JapaneseDates.Moment(diagram.UploadedAt)}　登録：{Keep(diagram.UploadedBy)}）", 10.5);
        if (!string.IsNullOrWhiteSpace(diagram.Note))
        {
            pdf.Paragraph($"メモ：{diagram.Note}", 10, indent: 12);
        }
        if (diagram.Bytes is { } bytes && pdf.Image(bytes))
        {
            return;
        }
        var format = diagram.ContentType switch
        {
            Diagrams.Pdf => "PDF",
            Diagrams.Svg => "SVG",
            _ => "画像",
        };
        pdf.Paragraph($"この構成図は{format}形式のため、このバインダーには印刷していません。Mamoriから構成図そのものを印刷し、紙の構成図をこのページの後ろに綴じてください。保管場所：このバインダー（紙の構成図を綴じた場所）", 10.5);
    }

    private static string Or(string? value) => string.IsNullOrWhiteSpace(value) ? NotRecorded : value.Trim();
}
