using Mamori.Accounts;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Pages.Shared;

/// <summary>
/// Recovery codes as they are shown once and printed: with whose account they open and when they were made, so a
/// sheet found in a drawer months later says what it is. <paramref name="Facilities"/> empty: the whole installation.
/// </summary>
public sealed record RecoverySheet(string Name, string Email, IReadOnlyList<string> Facilities, DateTimeOffset MadeAt, IReadOnlyList<string> Codes)
{
    public static async Task<RecoverySheet> ForAsync(MamoriDbContext db, User user, IReadOnlyList<string> codes, DateTimeOffset madeAt)
    {
        var ids = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.FacilityId).Distinct().ToListAsync();
        IReadOnlyList<string> names = ids.Contains(null)
            ? []
            : await db.Facilities.AsNoTracking().Where(f => ids.Contains(f.Id)).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync();
        return new RecoverySheet(user.DisplayName, user.Email ?? "", names, madeAt, codes);
    }
}
