using Mamori.Common;

namespace Mamori.Accounts;

/// <summary>
/// Who is acting, with the roles they hold. Pages, the API and the CLI build one per request and pass it to
/// the feature services, which decide what it may see and change: one rule set for every entry point.
/// </summary>
public sealed class Actor(Guid? userId, string name, IReadOnlyList<RoleAssignment> roles)
{
    /// <summary>The console: `mamori` CLI verbs run by whoever operates the server.</summary>
    public static Actor System { get; } = new(null, "system (CLI)", [new RoleAssignment { Role = Role.Admin }]);

    public Guid? UserId { get; } = userId;
    public string Name { get; } = name;
    public IReadOnlyList<RoleAssignment> Roles { get; } = roles;

    /// <summary>An administrator of the whole installation: manages facilities and sees all of them.</summary>
    public bool IsInstallationAdmin => Roles.Any(r => r.FacilityId is null && r.Role == Role.Admin);

    public bool Has(Guid facilityId, Role role) =>
        Roles.Any(r => r.Role == role && (r.FacilityId == facilityId || (r.FacilityId is null && r.Role == Role.Admin)));

    public bool CanSeeFacility(Guid facilityId) =>
        IsInstallationAdmin || Roles.Any(r => r.FacilityId == facilityId && r.Role != Role.Vendor);

    /// <summary>Which facilities' rows a query may return; null means all.</summary>
    public IReadOnlyList<Guid>? VisibleFacilityIds =>
        IsInstallationAdmin ? null : Roles.Where(r => r.FacilityId is { } && r.Role != Role.Vendor).Select(r => r.FacilityId!.Value).Distinct().ToList();

    /// <summary>Admins and executives see every round of their facility; staff see the staff list's rounds.</summary>
    public bool CanReadChecklist(Guid facilityId, string audience) =>
        Has(facilityId, Role.Admin) || Has(facilityId, Role.Executive) || (audience == "staff" && Has(facilityId, Role.Staff));

    /// <summary>Each checklist is filled by its own audience; the facility's admin may fill any of them.</summary>
    public bool CanWriteChecklist(Guid facilityId, string audience) =>
        Has(facilityId, Role.Admin) || audience switch
        {
            "executive" => Has(facilityId, Role.Executive),
            "staff" => Has(facilityId, Role.Staff),
            _ => false,
        };

    public void RequireInstallationAdmin()
    {
        if (!IsInstallationAdmin)
        {
            throw new ForbiddenException("この操作にはシステム管理者の権限が必要です。");
        }
    }
}
