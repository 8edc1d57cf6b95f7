using Mamori.Catalog;
using Mamori.Common;
using Mamori.Incidents.Reports;
using Mamori.Printing;
using static Mamori.Printing.LineBreaker;

namespace Mamori.Incidents;

/// <summary>
/// The emergency binder: one printout for the drawer, for the day Mamori itself is unreachable. Contact tree, the
/// decision after 2-1, each role's steps, the report forms and blank logs for paper operation; dated.
/// </summary>
public static class EmergencyBinder
{
    public static PrintDocument Compose(string facilityName, IReadOnlyList<FacilityContact> contacts, IncidentFlow flow, DateOnly today)
    {
        var title = $"緊急時対応バインダー　{Keep(facilityName)}";
        var pdf = new PrintDocument(Visible(title), $"{facilityName}　作成日：{JapaneseDates.Long(today)}");
        pdf.Heading(title, 18).Paragraph($"作成日：{JapaneseDates.Long(today)}　Mamoriが使えないときのための印刷版です。内容が古くなったら作り直してください。", 9);

        pdf.Heading("1. 緊急連絡先", 15);
        foreach (var c in contacts.Where(c => !c.History))
        {
            var confirmed = c.ConfirmedOn is { } on ? JapaneseDates.Long(on) : "未確認";
            pdf.Paragraph($"■ {Keep(c.Name)}（{ContactService.KindLabel(c.Kind)}{(c.Role is null ? "" : "・" + c.Role)}{(c.Deputy ? "・代理" : "")}{(c.System is null ? "" : "・" + c.System)}）", 11)
                .Paragraph($"電話：{c.Phone ?? "＿＿＿＿＿＿＿＿"}　メール：{c.Email ?? "—"}　受付時間：{c.Hours ?? "—"}", 10, indent: 12)
                .Paragraph($"メール以外の連絡手段：{c.Fallback ?? "＿＿＿＿＿＿＿＿"}　最終確認日：{confirmed}", 10, indent: 12);
        }
        var missing = ContactService.RolesWithoutDeputy(contacts);
        if (missing.Count > 0)
        {
            pdf.Paragraph($"※ 担当者と代理の両方が登録されていない役割：{string.Join("、", missing)}", 10);
        }

        pdf.Heading("2. 原因調査（2-1）の後の判断", 15).Paragraph(flow.Decision.Question)
            .Paragraph($"・{flow.Decision.Signs.Label} → {string.Join("、", flow.Decision.Signs.Steps)}（被害拡大防止・報告・証拠保全）", 10.5, 12)
            .Paragraph($"・{flow.Decision.NoSigns.Label} → {string.Join("、", flow.Decision.NoSigns.Steps)}（ベンダー作業・ネットワーク・電源／機器の確認、IPA等への相談）", 10.5, 12);

        pdf.PageBreak().Heading("3. 役割ごとの手順", 15);
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

        pdf.PageBreak().Heading("4. 報告書の様式", 15);
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            pdf.Heading(ReportDrafter.TitleOf(kind), 12);
            foreach (var heading in ReportDrafter.Headings(kind))
            {
                pdf.Paragraph("■ " + heading, 10).BlankLines(2, 20);
            }
        }

        pdf.PageBreak().Heading("5. 紙運用の記録用紙", 15)
            .Paragraph("経過記録（日時／出来事・判断・指示／記録者）", 11).BlankLines(14)
            .Heading("証拠保全の記録（収集日時／収集者／収集元／内容・保管場所）", 11).BlankLines(8)
            .PageBreak().Heading("使用を停止した機器の記録（機器・場所／停止日時／停止した人／復旧日時）", 11).BlankLines(14);
        return pdf;
    }
}
