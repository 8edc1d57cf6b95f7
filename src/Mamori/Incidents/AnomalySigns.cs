namespace Mamori.Incidents;

/// <summary>
/// What someone may have seen, as choices for the anomaly report. The wording follows the flowchart's signs
/// (1-1, 2-1: HPの改ざん, 患者情報の暗号化, データの紛失・消去, 外部への通信量の増加, ウイルス対策ソフト等による検知)
/// and its 参考 examples (不正メール, 端末の停止や動作が遅い, データアクセスが不良).
/// </summary>
public static class AnomalySigns
{
    public sealed record Sign(string Key, string Label, bool SuggestsAttack);

    public static IReadOnlyList<Sign> All { get; } =
    [
        new("ransom-note", "身代金を要求する画面・メッセージが出た", true),
        new("encrypted-files", "ファイルや患者情報が暗号化された（開けない・拡張子が変わった）", true),
        new("lost-data", "データが消えた・見つからない", true),
        new("website-defaced", "ホームページが改ざんされた", true),
        new("antivirus-alert", "ウイルス対策ソフトが警告した", true),
        new("unusual-traffic", "外部への通信量が増えている", true),
        new("suspicious-email", "不審なメールを開いた・IDやパスワードを入力した", false),
        new("slow-terminal", "端末が止まった・動作が遅い", false),
        new("data-access", "データやサーバーにアクセスできない", false),
        new("other", "その他", false),
    ];

    public static Sign? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    public static string Label(string key) => Find(key)?.Label ?? key;
}
