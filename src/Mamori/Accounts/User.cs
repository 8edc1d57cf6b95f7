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
    /// <summary>Set when an administrator resets the password (item 25): the owner must choose a new one first.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The password is shorter than 13 characters: allowed only with two-factor under the 8-character rule.</summary>
    public bool ShortPassword { get; set; }

    /// <summary>The last 30-second step whose one-time code was accepted: a code is never accepted twice.</summary>
    public long LastTotpStep { get; set; }

    public List<RoleAssignment> Roles { get; set; } = [];
}
