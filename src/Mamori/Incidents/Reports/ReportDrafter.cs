using System.Text;
using Mamori.Catalog;
using Mamori.Common;

namespace Mamori.Incidents.Reports;

/// <summary>
/// Drafts each report from the incident's record. The draft is plain text the user edits before export:
/// a line starting with 「■」 is a heading, every other line a paragraph. Blanks the record cannot fill are
/// left as 「（記入してください）」 so nothing is made up.
/// </summary>
public static class ReportDrafter
{
    public const string Blank = "（記入してください）";

    /// <summary>Notes for the person drafting, not for the authority: they must go before the report leaves.</summary>
    private static readonly string[] Hints = ["（連絡先一覧で最新の窓口を確認してください）", "（連絡先一覧を参照）"];

    /// <summary>The lines (1-based) still holding a blank to fill or a drafting note, as the report page lists them.</summary>
    public static IReadOnlyList<(int Line, string Text)> Unfinished(string body) =>
        [.. body.Split('\n').Select((text, i) => (Line: i + 1, Text: text.TrimEnd('\r')))
            .Where(l => l.Text.Contains(Blank, StringComparison.Ordinal) || Hints.Any(h => l.Text.Contains(h, StringComparison.Ordinal)))];

    /// <summary>
    /// The report cut at its 「■」 headings: the 個人情報保護委員会 takes reports through a web form, so the page gives
    /// each field's text on its own to copy, not only a document. Lines before the first heading are left out.
    /// </summary>
    public static IReadOnlyList<(string Heading, string Text)> Fields(string body)
    {
        var fields = new List<(string Heading, List<string> Lines)>();
        foreach (var line in body.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("■ ", StringComparison.Ordinal))
            {
                fields.Add((line[2..].Trim(), []));
            }
            else if (fields.Count > 0)
            {
                fields[^1].Lines.Add(line);
            }
        }
        return [.. fields.Select(f => (f.Heading, string.Join('\n', f.Lines).Trim('\n')))];
    }

    public static string TitleOf(ReportKind kind) => kind switch
    {
        ReportKind.Executive => "経営層への報告（被害状況等調査）",
        ReportKind.Mhlw => "厚生労働省への報告（サイバー攻撃による医療情報システムの障害）",
        ReportKind.PpcPreliminary => "個人情報保護委員会への漏えい等報告（速報）下書き",
        ReportKind.PpcFinal => "個人情報保護委員会への漏えい等報告（確報）下書き",
        ReportKind.Police => "警察への届出（サイバー事案の被害）",
    };

    public static string ToKey(this ReportKind kind) => kind switch
    {
        ReportKind.Executive => "executive",
        ReportKind.Mhlw => "mhlw",
        ReportKind.PpcPreliminary => "ppc-preliminary",
        ReportKind.PpcFinal => "ppc-final",
        ReportKind.Police => "police",
    };

    public static ReportKind? Parse(string? key) => Enum.GetValues<ReportKind>().Cast<ReportKind?>().FirstOrDefault(k => k!.Value.ToKey() == key);

    /// <summary>The headings of a report with nothing filled in, for the binder's blank forms.</summary>
    public static IEnumerable<string> Headings(ReportKind kind) => kind switch
    {
        ReportKind.Executive => ["異常が発見された日", "異常が発生している箇所や診療への影響", "今後の被害拡大の可能性", "攻撃元（判明する場合）", "攻撃手法（判明する場合）", "被害発生の要因", "講じる対応策"],
        ReportKind.Mhlw => ["医療機関名・報告者・連絡先", "発見日時", "事案の概要", "原因調査（2-1）の判断", "医療提供体制への影響", "個人情報の漏えい等のおそれ", "対応状況"],
        ReportKind.PpcPreliminary or ReportKind.PpcFinal => ["漏えい等を知った日時", "事案の概要", "漏えい等が発生し、又は発生したおそれがある個人データの項目", "本人の数", "発生原因", "二次被害又はそのおそれの有無及びその内容", "本人への対応の実施状況", "公表の実施状況", "再発防止のための措置"],
        ReportKind.Police => ["被害を発見した日時", "被害の概要", "原因調査（2-1）の判断", "保全した証拠"],
    };

    /// <param name="recipients">The facility's current contacts of the authority the report goes to (never a hard-coded office: offices are renamed).</param>
    public static string Draft(ReportKind kind, IncidentView view, IReadOnlyList<StoredFile> evidence, IReadOnlyList<FacilityContact> recipients)
    {
        var i = view.Incident;
        var b = new DraftText();
        b.Head("医療機関").Line(view.Facility.Name);
        if (i.Exercise)
        {
            b.Line("※ この報告は訓練（演習）の記録です。実際の報告ではありません。");
        }
        b.Head("件名").Line(i.Title);
        switch (kind)
        {
            case ReportKind.Executive:
                // 2-10 報告事項の例, in the flowchart's order.
                b.Head("異常が発見された日").Line(Moment(i.DetectedAt));
                b.Head("異常が発生している箇所や診療への影響").Line(Or(i.Location is null ? null : "場所：" + i.Location)).Line(Or(i.Description));
                b.Head("今後の被害拡大の可能性").Line(Blank);
                b.Head("攻撃元（判明する場合）").Line(Blank);
                b.Head("攻撃手法（判明する場合）").Line(Blank);
                b.Head("被害発生の要因").Line(Blank);
                b.Head("講じる対応策").Lines(DoneSteps(view)).Line(Blank);
                Decision(b, view);
                break;
            case ReportKind.Mhlw:
                b.Head("報告先").Lines(recipients.Select(Recipient)).Line(recipients.Count == 0 ? Blank : "");
                b.Head("発見日時").Line(Moment(i.DetectedAt));
                b.Head("事案の概要").Line(Or(i.Description));
                b.Head("見られた兆候").Lines(i.SignKeys.Select(s => "・" + AnomalySigns.Label(s))).Line(i.SignKeys.Count == 0 ? Blank : "");
                Decision(b, view);
                b.Head("医療提供体制への影響").Line(Blank);
                b.Head("個人情報の漏えい等のおそれ").Line(i.PersonalDataAwareAt is { } at ? $"あり（知った日時：{Moment(at)}）" : "現時点で確認されていない");
                b.Head("対応状況").Lines(DoneSteps(view));
                break;
            case ReportKind.PpcPreliminary or ReportKind.PpcFinal:
                var deadline = view.Deadlines.FirstOrDefault(d => d.Kind == (kind == ReportKind.PpcFinal ? DeadlineKind.PpcFinal : DeadlineKind.PpcPreliminary));
                b.Head("報告期限").Line(deadline is null ? "漏えい等のおそれが記録されていません。" : $"{JapaneseDates.Until(deadline.DueAt)}（日本時間、{deadline.Basis}）");
                b.Head("漏えい等を知った日時").Line(i.PersonalDataAwareAt is { } aware ? Moment(aware) : Blank);
                b.Head("事案の概要").Line(Or(i.Description));
                if (kind == ReportKind.PpcFinal)
                {
                    b.Head("調査の結果").Line(i.LeakFinding.ToJapanese() + (i.LeakFindingNote is { } why ? $"（{why}）" : ""));
                }
                b.Head("漏えい等が発生し、又は発生したおそれがある個人データの項目").Line("要配慮個人情報（診療情報）を含む：" + Blank);
                b.Head("本人の数").Line(Blank);
                b.Head("発生原因").Line(Deadlines.ImproperPurpose(i) ? "不正アクセス等の不正の目的によるおそれあり：" + Blank : Blank);
                b.Head("二次被害又はそのおそれの有無及びその内容").Line(Blank);
                b.Head("本人への対応の実施状況").Line(Blank);
                b.Head("公表の実施状況").Line(Blank);
                b.Head("再発防止のための措置").Line(Blank);
                break;
            case ReportKind.Police:
                b.Head("届出先").Line("都道府県警察 サイバー犯罪相談窓口（連絡先一覧を参照）");
                b.Head("被害を発見した日時").Line(Moment(i.DetectedAt));
                b.Head("被害の概要").Line(Or(i.Description));
                Decision(b, view);
                b.Head("保全した証拠").Lines(evidence.Count == 0 ? [Blank] :
                    evidence.Select(e => $"・{e.FileName}（SHA-256：{e.Sha256}、収集者：{e.CollectedBy ?? "-"}、収集元：{e.CollectedFrom ?? "-"}）"));
                break;
        }
        b.Head("経過").Lines(view.Timeline.Select(e => $"{JapaneseDates.Moment(e.At)}　{e.Text}（{e.UserName}）"));
        return b.ToString();
    }

    private static void Decision(DraftText b, IncidentView view)
    {
        var i = view.Incident;
        b.Head("原因調査（2-1）の判断").Line(i.CyberattackSigns switch
        {
            true => $"サイバー攻撃の兆候あり（{Moment(i.DecidedAt!.Value)}、{i.DecidedBy}）。根拠：{i.DecisionGrounds}",
            false => $"サイバー攻撃の兆候なし（{Moment(i.DecidedAt!.Value)}、{i.DecidedBy}）。根拠：{i.DecisionGrounds}",
            null => "未判断",
        });
    }

    private static IEnumerable<string> DoneSteps(IncidentView view) =>
        view.Steps.Where(s => view.State(s.Id).Status == StepStatus.Done)
            .Select(s => $"・{s.Id} {s.Title}（{view.State(s.Id).CompletedBy}、{Moment(view.State(s.Id).CompletedAt!.Value)}）" + (view.State(s.Id).Note is { } n ? $"：{n}" : ""));

    private static string Recipient(FacilityContact c) =>
        c.Name + string.Concat(new[] { c.Phone is { } p ? $"電話 {p}" : null, c.Email, c.Url }.OfType<string>().Select(x => "　" + x));

    private static string Moment(DateTimeOffset utc) => JapaneseDates.Moment(utc) + "（日本時間）";

    private static string Or(string? text) => string.IsNullOrWhiteSpace(text) ? Blank : text;

    private sealed class DraftText
    {
        private readonly StringBuilder _text = new();

        public DraftText Head(string title)
        {
            _text.Append("■ ").Append(title).Append('\n');
            return this;
        }

        public DraftText Line(string text)
        {
            if (text.Length > 0)
            {
                _text.Append(text.Replace("\r", "", StringComparison.Ordinal)).Append('\n');
            }
            return this;
        }

        public DraftText Lines(IEnumerable<string> lines)
        {
            foreach (var line in lines)
            {
                Line(line);
            }
            return this;
        }

        public override string ToString() => _text.ToString().TrimEnd('\n');
    }
}
