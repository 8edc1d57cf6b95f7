using Microsoft.AspNetCore.Identity;

namespace Mamori.Accounts;

public sealed class User : IdentityUser<Guid>
{
    public User()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public required string DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>非常時アカウント (items 45–46): for when normal sign-in is impossible; every use is flagged to admins and executives.</summary>
    public bool Emergency { get; set; }

    /// <summary>A disabled account cannot sign in. Emergency accounts start disabled.</summary>
    public bool Disabled { get; set; }
    public List<RoleAssignment> Roles { get; set; } = [];
}
