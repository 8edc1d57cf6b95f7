using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Accounts;

public sealed record UserSummary(Guid Id, string Name, string Email, IReadOnlyList<RoleAssignment> Roles, bool TwoFactor, bool Disabled, bool Emergency, bool LockedOut, bool MustChangePassword);

/// <summary>How an administrator confirmed it was really the person asking for a password reset (item 25).</summary>
public enum IdentityCheck
{
    /// <summary>対面で身分証（職員証など）を確認</summary>
    InPersonWithId,

    /// <summary>登録済みの内線・電話番号へ折り返して確認</summary>
    CallBack,

    /// <summary>所属長が本人であることを確認</summary>
    ManagerVouched,
}

/// <summary>
/// Administrators manage people: accounts, roles (item 15: rights follow job changes, every change logged),
/// password resets with the identity check on record (item 25), and switching accounts off. Role changes and
/// resets ask for the administrator's own password again.
/// </summary>
public sealed class UserAdministration(MamoriDbContext db, UserManager<User> users, TwoFactor twoFactor, AccountService accounts, Reauthentication reauthentication, AuditLog audit, TimeProvider clock)
{
    public static string Describe(IdentityCheck check) => check switch
    {
        IdentityCheck.InPersonWithId => "対面で身分証（職員証など）を確認した",
        IdentityCheck.CallBack => "登録済みの内線・電話番号へ折り返して確認した",
        IdentityCheck.ManagerVouched => "所属長が本人であることを確認した",
    };

    /// <summary>The people an administrator may see: everyone for the installation's, those holding a role in their facilities otherwise.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var adminOf = AdminFacilities(actor);
        var query = db.Users.AsNoTracking().Include(u => u.Roles).AsQueryable();
        if (adminOf is not null)
        {
            query = query.Where(u => u.Roles.Any(r => r.FacilityId != null && adminOf.Contains(r.FacilityId.Value)));
        }
        var now = clock.GetUtcNow();
        var list = await query.OrderBy(u => u.DisplayName).ToListAsync(ct);
        audit.Record(actor, "user.list", "user", null);
        await db.SaveChangesAsync(ct);
        return [.. list.Select(u => Summary(u, now))];
    }

    public async Task<UserSummary> GetAsync(Actor actor, Guid userId, CancellationToken ct = default)
    {
        var user = await LoadManageableAsync(actor, userId, ct);
        audit.Record(actor, "user.view", "user", user.Id);
        await db.SaveChangesAsync(ct);
        return Summary(user, clock.GetUtcNow());
    }

    public async Task<User> CreateAsync(Actor actor, string? email, string? name, Role role, Guid? facilityId, string? password, CancellationToken ct = default)
    {
        RequireAdminOf(actor, facilityId);
        var user = await accounts.AddUserAsync(email, name, role, facilityId, password, actor, ct);
        // The administrator chose this first password: its owner replaces it at the first sign-in.
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        return user;
    }

    public async Task AddRoleAsync(Actor actor, Guid userId, Role role, Guid? facilityId, string? adminPassword, CancellationToken ct = default)
    {
        await ReauthenticateAsync(actor, adminPassword, "role.add", ct);
        RequireAdminOf(actor, facilityId);
        if (facilityId is null && role != Role.Admin)
        {
            throw new InvalidInputException("管理者以外の役割には医療機関を指定してください。", "FacilityId");
        }
        if (facilityId is { } fid && !await db.Facilities.AnyAsync(f => f.Id == fid, ct))
        {
            throw new InvalidInputException("指定された医療機関が見つかりません。", "FacilityId");
        }
        // Whose account it is matters, not only where the role is: another hospital's person or an installation
        // administrator is not this administrator's to change (404, as for every other action on them).
        var user = await LoadManageableAsync(actor, userId, ct);
        if (user.Roles.Any(r => r.Role == role && r.FacilityId == facilityId))
        {
            throw new ConflictException("この役割は既に付いています。");
        }
        // Added through the set: a new row with its key already set, found only through the navigation, would be
        // taken for an existing one and updated.
        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, FacilityId = facilityId });
        // Rights change now: the person's sign-ins are rebuilt at their next check (two-factor may become required).
        user.SecurityStamp = Guid.NewGuid().ToString();
        audit.Record(actor, "role.add", "user", user.Id, detail: $"{role.ToKey()} facility={facilityId?.ToString() ?? "all"}");
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveRoleAsync(Actor actor, Guid userId, Guid roleId, string? adminPassword, CancellationToken ct = default)
    {
        await ReauthenticateAsync(actor, adminPassword, "role.remove", ct);
        var user = await LoadManageableAsync(actor, userId, ct);
        var role = user.Roles.FirstOrDefault(r => r.Id == roleId) ?? throw new NotFoundException("役割が見つかりません。");
        RequireAdminOf(actor, role.FacilityId);
        if (role.Role == Role.Admin && role.FacilityId is null
            && await db.RoleAssignments.CountAsync(r => r.Role == Role.Admin && r.FacilityId == null && !db.Users.Any(u => u.Id == r.UserId && u.Disabled), ct) <= 1)
        {
            throw new ConflictException("最後のシステム管理者（すべての医療機関）の役割は外せません。");
        }
        db.RoleAssignments.Remove(role);
        user.SecurityStamp = Guid.NewGuid().ToString();
        audit.Record(actor, "role.remove", "user", userId, detail: $"{role.Role.ToKey()} facility={role.FacilityId?.ToString() ?? "all"}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sets a temporary password after the administrator confirmed who is asking; the person must change it at the
    /// next sign-in, every open sign-in ends, and a lockout is lifted.
    /// </summary>
    public async Task ResetPasswordAsync(Actor actor, Guid userId, IdentityCheck? check, string? checkNote, string? temporaryPassword, string? adminPassword, CancellationToken ct = default)
    {
        await ReauthenticateAsync(actor, adminPassword, "password.reset", ct);
        var user = await LoadManageableAsync(actor, userId, ct);
        var how = check ?? throw new InvalidInputException("本人確認の方法を選んでください。", "Check");
        var note = Text.Required(checkNote, 500, "CheckNote", "本人確認の記録");
        if (string.IsNullOrEmpty(temporaryPassword))
        {
            throw new InvalidInputException("仮のパスワードを入力してください。", "TemporaryPassword");
        }
        // The same rules as any password (no reset-token round trip: the administrator is setting it here and now).
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, temporaryPassword)).Errors);
        }
        if (errors.Count > 0)
        {
            throw new InvalidInputException(JapaneseIdentityErrors.Text(errors.DistinctBy(e => e.Description)), "TemporaryPassword");
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, temporaryPassword);
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        // A new stamp ends every sign-in of the account; this also saves the changes above.
        await users.UpdateSecurityStampAsync(user);
        audit.Record(actor, "password.reset", "user", user.Id, detail: $"本人確認: {Describe(how)} / {note}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>After a lost phone: removes the second factor; the person sets it up again at the next sign-in (where required).</summary>
    public async Task ResetTwoFactorAsync(Actor actor, Guid userId, IdentityCheck? check, string? checkNote, string? adminPassword, CancellationToken ct = default)
    {
        await ReauthenticateAsync(actor, adminPassword, "two-factor.reset", ct);
        var user = await LoadManageableAsync(actor, userId, ct);
        var how = check ?? throw new InvalidInputException("本人確認の方法を選んでください。", "Check");
        var note = Text.Required(checkNote, 500, "CheckNote", "本人確認の記録");
        await twoFactor.RemoveAsync(user);
        audit.Record(actor, "two-factor.reset", "user", user.Id, detail: $"本人確認: {Describe(how)} / {note}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Switches an account off (a person who left) or on again; switching off ends its sign-ins and tokens.</summary>
    public async Task SetDisabledAsync(Actor actor, Guid userId, bool disabled, string? adminPassword, CancellationToken ct = default)
    {
        await ReauthenticateAsync(actor, adminPassword, disabled ? "user.disable" : "user.enable", ct);
        var user = await LoadManageableAsync(actor, userId, ct);
        if (user.Id == actor.UserId && disabled)
        {
            throw new ConflictException("自分自身のアカウントは無効にできません。");
        }
        if (user.Emergency && !disabled)
        {
            throw new ConflictException("非常時アカウントは「非常時アカウント」の画面から理由を記録して有効にしてください。");
        }
        user.Disabled = disabled;
        user.SecurityStamp = Guid.NewGuid().ToString();
        audit.Record(actor, disabled ? "user.disable" : "user.enable", "user", user.Id);
        await db.SaveChangesAsync(ct);
    }

    private async Task ReauthenticateAsync(Actor actor, string? password, string action, CancellationToken ct) =>
        await reauthentication.RequireAsync(actor, password, action, ct: ct);

    private static List<Guid>? AdminFacilities(Actor actor)
    {
        if (actor.IsInstallationAdmin)
        {
            return null;
        }
        var list = actor.Roles.Where(r => r.Role == Role.Admin && r.FacilityId is not null).Select(r => r.FacilityId!.Value).ToList();
        return list.Count > 0 ? list : throw new ForbiddenException("利用者の管理はシステム管理者だけができます。");
    }

    private static void RequireAdminOf(Actor actor, Guid? facilityId)
    {
        if (facilityId is { } fid ? !actor.Has(fid, Role.Admin) : !actor.IsInstallationAdmin)
        {
            throw new ForbiddenException("この医療機関の役割を変更できるのは、その医療機関のシステム管理者だけです。");
        }
    }

    /// <summary>
    /// A facility's administrator manages only people whose every role lies in facilities they administer: never
    /// an installation administrator or someone of another hospital (no taking over accounts by a reset).
    /// </summary>
    private async Task<User> LoadManageableAsync(Actor actor, Guid userId, CancellationToken ct)
    {
        var adminOf = AdminFacilities(actor);
        var user = await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || (adminOf is not null && (user.Roles.Count == 0 || !user.Roles.All(r => r.FacilityId is { } f && adminOf.Contains(f)))))
        {
            throw new NotFoundException("利用者が見つかりません。");
        }
        return user;
    }

    private static UserSummary Summary(User u, DateTimeOffset now) =>
        new(u.Id, u.DisplayName, u.Email ?? "", u.Roles, u.TwoFactorEnabled, u.Disabled, u.Emergency, u.LockoutEnd > now, u.MustChangePassword);
}
