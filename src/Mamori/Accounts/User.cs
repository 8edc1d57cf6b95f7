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
    public List<RoleAssignment> Roles { get; set; } = [];
}
