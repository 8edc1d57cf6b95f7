namespace Mamori.Catalog;

/// <summary>Who acts in a flowchart step (the four role bands of the MHLW flowchart).</summary>
public enum FlowRole
{
    /// <summary>経営層</summary>
    Executive,

    /// <summary>医療情報システム安全管理責任者 (Mamori's facility admin)</summary>
    SafetyManager,

    /// <summary>医療従事者・一般のシステム利用者</summary>
    Staff,

    /// <summary>外部: vendors and service providers, contractors, ministries</summary>
    External,
}

/// <summary>Which side of the decision after 2-1 a step belongs to; steps on neither side always apply.</summary>
public enum FlowPath
{
    Always,
    Signs,
    NoSigns,
}

public static class FlowRoles
{
    public static string ToKey(this FlowRole role) => role switch
    {
        FlowRole.Executive => "executive",
        FlowRole.SafetyManager => "safety-manager",
        FlowRole.Staff => "staff",
        FlowRole.External => "external",
    };

    public static FlowRole? Parse(string? key) =>
        Enum.GetValues<FlowRole>().Cast<FlowRole?>().FirstOrDefault(r => r!.Value.ToKey() == key);
}

/// <summary>The flowchart 「医療情報システム等の障害発生時の対応フローチャート」 of one catalog edition.</summary>
public sealed record IncidentFlow(
    string Title,
    string TitleEn,
    string Source,
    IReadOnlyList<FlowRoleInfo> Roles,
    IReadOnlyList<FlowPhase> Phases,
    FlowDecision Decision,
    IReadOnlyList<FlowStep> Steps,
    IReadOnlyList<DefaultContact> Contacts)
{
    private readonly Dictionary<string, FlowStep> _byId = Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public FlowStep? FindStep(string id) => _byId.GetValueOrDefault(id);

    public FlowRoleInfo Role(FlowRole role) => Roles.First(r => r.Key == role);

    public FlowPhase Phase(int number) => Phases.First(p => p.Number == number);
}

public sealed record FlowRoleInfo(FlowRole Key, string Label, string LabelEn);

public sealed record FlowPhase(int Number, string Title, string TitleEn, string Summary);

/// <summary>The decision after 2-1: signs of a cyberattack lead to one set of steps, none to the other.</summary>
public sealed record FlowDecision(string After, string Question, FlowBranch Signs, FlowBranch NoSigns);

public sealed record FlowBranch(string Label, IReadOnlyList<string> Steps);

public sealed record FlowStep(
    string Id,
    int Phase,
    int Number,
    string Title,
    IReadOnlyList<FlowRole> Roles,
    FlowPath Path,
    IReadOnlyList<FlowSection> Sections,
    FlowExamples? Examples,
    FlowReference? Reference,
    IReadOnlyList<string> ReportItems,
    IReadOnlyList<string> Links,
    IReadOnlyList<string> Contacts,
    bool TextMissing)
{
    public bool IsFor(FlowRole role) => Roles.Contains(role);
}

/// <summary>One 【role】 block of a step: the heading as printed and what that role does.</summary>
public sealed record FlowSection(string Heading, IReadOnlyList<FlowRole> Roles, string Text);

/// <summary>A 参考 list of symptom → response examples.</summary>
public sealed record FlowExamples(string Title, IReadOnlyList<FlowExample> Items);

public sealed record FlowExample(string Symptom, string Response);

public sealed record FlowReference(string Title, string Text);

/// <summary>An authority the flowchart sends the hospital to; copied into a facility's contacts to be edited there.</summary>
public sealed record DefaultContact(
    string Key,
    string Kind,
    string Name,
    bool History,
    string? Phone,
    string? Email,
    string? Hours,
    string? Fallback,
    string? Url,
    string? Note,
    DateOnly? ConfirmedOn);
