namespace Mamori.Accounts;

public enum Role
{
    /// <summary>システム管理者 / 医療情報システム安全管理責任者</summary>
    Admin,

    /// <summary>経営層</summary>
    Executive,

    /// <summary>職員</summary>
    Staff,

    /// <summary>事業者: sees only what is shared with it.</summary>
    Vendor,
}

/// <summary>
/// A role a user holds in one facility. FacilityId null means every facility of the installation; only
/// the administrator created at setup (and those an administrator makes alike) hold such a role.
/// </summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid? FacilityId { get; set; }
    public Role Role { get; set; }
}

public static class Roles
{
    public static string ToKey(this Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Executive => "executive",
        Role.Staff => "staff",
        Role.Vendor => "vendor",
    };

    public static string ToJapanese(this Role role) => role switch
    {
        Role.Admin => "システム管理者",
        Role.Executive => "経営層",
        Role.Staff => "職員",
        Role.Vendor => "事業者",
    };

    public static Role? Parse(string? key) => Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => r!.Value.ToKey() == key);
}
