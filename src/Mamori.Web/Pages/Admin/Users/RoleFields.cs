using Mamori.Facilities;

namespace Mamori.Web.Pages.Admin.Users;

/// <summary>The role and facility choice shared by "add a person" and "add a role", with what was chosen last.</summary>
public sealed record RoleFields(IReadOnlyList<Facility> Facilities, bool InstallationAdmin, string? Role, Guid? FacilityId, bool Submitted);
