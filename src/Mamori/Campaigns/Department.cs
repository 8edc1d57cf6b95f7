using Mamori.Common;
namespace Mamori.Campaigns;

/// <summary>
/// A department (部門) of one facility, as staff campaigns count responses by it. Never deleted once created:
/// past campaigns keep pointing at it, so removing one from the list retires it instead.
/// </summary>
public sealed class Department : IRevised
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public required string Name { get; set; }

    /// <summary>職員数: how many people work there, so that a response rate means something. 0 = not given.</summary>
    public int Headcount { get; set; }

    public int SortOrder { get; set; }
    public bool Retired { get; set; }

    /// <summary>Two admins editing the list at once: the later save is refused rather than silently winning.</summary>
    public int Revision { get; set; }
}

/// <summary>A job type (職種) of one facility; retired like departments, never deleted.</summary>
public sealed class JobType : IRevised
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool Retired { get; set; }
    public int Revision { get; set; }
}

/// <summary>
/// 部門の管理者: a user who sees their own department's campaign results (and nothing else of the campaigns).
/// Kept here rather than as a role in Accounts, because it is a relation to a department, not to a facility.
/// </summary>
public sealed class DepartmentManager
{
    public Guid DepartmentId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}

public static class DepartmentDefaults
{
    /// <summary>The starting list: typical departments of a Japanese hospital, edited per facility.</summary>
    public static IReadOnlyList<string> Departments { get; } =
        ["外来", "病棟", "手術部", "薬剤部", "検査部", "放射線部", "リハビリテーション部", "医事課", "総務課", "情報システム部門"];

    public static IReadOnlyList<string> JobTypes { get; } =
        ["医師", "歯科医師", "看護師", "薬剤師", "臨床検査技師", "診療放射線技師", "リハビリ職", "事務職", "その他"];
}
