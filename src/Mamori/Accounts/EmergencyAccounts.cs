using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Accounts;

/// <summary>
/// 非常時アカウント (システム管理者向け items 45–46): created disabled; an administrator enables one with a reason;
/// each sign-in with it is recorded and shown to every admin and executive until someone acknowledges it.
/// </summary>
public sealed class EmergencyAccounts(MamoriDbContext db, UserManager<User> users, IUserStore<User> store, AccountService accounts, Reauthentication reauthentication, AuditLog audit, AuditClient client, TimeProvider clock, NoticeCache notices)
{
    /// <summary>
    /// The first step of creating one on a page: the administrator's password again, and the new account's details
    /// checked before anyone sets up an authenticator for it. Returns the authenticator key to enrol with; nothing
    /// is saved but the log entry.
    /// </summary>
    public async Task<Enrolment> BeginAsync(Actor by, string? adminPassword, NewEmergencyAccount account, CancellationToken ct = default)
    {
        by.RequireInstallationAdmin();
        await reauthentication.RequireAsync(by, adminPassword, "emergency.create", ct: ct);
        await CheckAsync(account, ct);
        var key = users.GenerateNewAuthenticatorKey();
        audit.Record(by, "emergency.create.start", "user", null, detail: account.Email);
        await db.SaveChangesAsync(ct);
        var label = Uri.EscapeDataString($"Mamori:{account.Email}");
        return new Enrolment(key, $"otpauth://totp/{label}?secret={key}&issuer=Mamori&digits=6&period=30");
    }

    /// <summary>
    /// The second step: the account is saved only with a right code from the authenticator it was enrolled on, so its
    /// second factor works before the crisis. Created disabled, as from the command line; returns its recovery codes.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateEnrolledAsync(Actor by, NewEmergencyAccount account, string key, string? code, CancellationToken ct = default)
    {
        by.RequireInstallationAdmin();
        if (!TotpTokenProvider.Verify(key, code, clock.GetUtcNow(), out var step))
        {
            await audit.WriteAsync(by, "emergency.create", "user", null, AuditResult.Failure, $"{account.Email}: wrong authenticator code", ct);
            throw new InvalidInputException("確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。", "Code");
        }
        // One transaction: an emergency account exists with its second factor or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await accounts.AddUserAsync(account.Email, account.Name, Role.Admin, account.FacilityId, account.Password, by, ct);
        user.Emergency = true;
        user.Disabled = true;
        // The code just typed cannot be used again to sign in.
        user.LastTotpStep = step;
        await ((IUserAuthenticatorKeyStore<User>)store).SetAuthenticatorKeyAsync(user, key, ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount) ?? [];
        audit.Record(by, "emergency.create", "user", user.Id, detail: user.Email);
        audit.Record(by, "two-factor.enable", "user", user.Id, detail: "emergency account, enrolled at creation");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(CancellationToken.None);
        return [.. codes];
    }

    private async Task CheckAsync(NewEmergencyAccount account, CancellationToken ct)
    {
        var email = Text.Required(account.Email, 254, "email", "メールアドレス");
        var name = Text.Required(account.Name, 100, "name", "氏名");
        if (account.FacilityId is { } fid && !await db.Facilities.AnyAsync(f => f.Id == fid, ct))
        {
            throw new InvalidInputException("指定された医療機関が見つかりません。", "facility");
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new InvalidInputException("メールアドレス {0} は既に登録されています。", [email], "email");
        }
        if (string.IsNullOrEmpty(account.Password))
        {
            throw new InvalidInputException("パスワードを入力してください。", "password");
        }
        // The same validators as creating it will run, so the enrolment is not wasted on a refused password.
        var probe = new User { UserName = email, Email = email, DisplayName = name };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, probe, account.Password)).Errors);
        }
        if (errors.Count > 0)
        {
            throw new InvalidInputException(JapaneseIdentityErrors.Text(errors), "password");
        }
    }

    public async Task<User> CreateAsync(Actor by, string? email, string? name, Guid? facilityId, string? password, CancellationToken ct = default)
    {
        by.RequireInstallationAdmin();
        var user = await accounts.AddUserAsync(email, name, Role.Admin, facilityId, password, by, ct);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Emergency, true).SetProperty(u => u.Disabled, true), ct);
        audit.Record(by, "emergency.create", "user", user.Id, detail: user.Email);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<IReadOnlyList<User>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireInstallationAdmin();
        return await db.Users.AsNoTracking().Where(u => u.Emergency).OrderBy(u => u.Email).ToListAsync(ct);
    }

    public async Task SetEnabledAsync(Actor actor, Guid userId, bool enabled, string? reason, CancellationToken ct = default)
    {
        actor.RequireInstallationAdmin();
        var why = Text.Optional(reason, 500, "reason", "理由", multiline: true);
        if (enabled && why is null)
        {
            throw new InvalidInputException("非常時アカウントを有効にする理由を入力してください。", "reason");
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.Emergency, ct) ?? throw new NotFoundException("非常時アカウントが見つかりません。");
        user.Disabled = !enabled;
        audit.Record(actor, enabled ? "emergency.enable" : "emergency.disable", "user", user.Id, detail: why);
        await db.SaveChangesAsync(ct);
        if (!enabled)
        {
            // End sessions that are still open with it.
            await users.UpdateSecurityStampAsync(user);
        }
    }

    /// <summary>Called on every successful sign-in: for an emergency account, raises the flag for admins and executives.</summary>
    public async Task RecordSignInAsync(User user, CancellationToken ct = default)
    {
        if (!user.Emergency)
        {
            return;
        }
        db.Add(new EmergencyUse { UserId = user.Id, UserName = user.DisplayName, At = clock.GetUtcNow(), Client = client.Address });
        audit.Record(new Actor(user.Id, user.DisplayName, []), "emergency.sign-in", "user", user.Id);
        await db.SaveChangesAsync(ct);
        notices.Changed();
    }

    /// <summary>
    /// Unreviewed uses, for the banner: shown to admins and executives of the facilities the emergency account
    /// works in (all of them for an account of the whole installation), and to the installation's administrators.
    /// </summary>
    public async Task<IReadOnlyList<EmergencyUse>> PendingAsync(Actor actor, CancellationToken ct = default)
    {
        var mine = Watching(actor);
        if (mine.Count == 0)
        {
            return [];
        }
        var pending = db.EmergencyUses.AsNoTracking().Where(u => u.AcknowledgedAt == null);
        if (!actor.IsInstallationAdmin)
        {
            pending = pending.Where(u => db.RoleAssignments.Any(r => r.UserId == u.UserId && (r.FacilityId == null || mine.Contains(r.FacilityId))));
        }
        return await pending.OrderBy(u => u.At).ToListAsync(ct);
    }

    /// <summary>The same for the banner on every page: kept for a few seconds per set of roles (NoticeCache).</summary>
    public async Task<IReadOnlyList<EmergencyUse>> PendingForBannerAsync(Actor actor, CancellationToken ct = default)
    {
        var mine = Watching(actor);
        if (mine.Count == 0)
        {
            return [];
        }
        var key = actor.IsInstallationAdmin ? "*" : string.Join(',', mine.Order());
        return await notices.GetOrLoadAsync($"emergency.pending:{key}", () => PendingAsync(actor, ct));
    }

    /// <summary>The facilities whose emergency sign-ins the actor is shown (null: the installation's own accounts).</summary>
    private static List<Guid?> Watching(Actor actor) =>
        actor.Roles.Where(r => r.Role is Role.Admin or Role.Executive).Select(r => r.FacilityId).Distinct().ToList();

    public async Task AcknowledgeAsync(Actor actor, Guid useId, string? note, CancellationToken ct = default)
    {
        if (!actor.Roles.Any(r => r.Role is Role.Admin or Role.Executive))
        {
            throw new ForbiddenException("確認できるのはシステム管理者と経営層です。");
        }
        var use = (await PendingAsync(actor, ct)).FirstOrDefault(u => u.Id == useId) is { } visible
            ? await db.EmergencyUses.FirstAsync(u => u.Id == visible.Id, ct)
            : throw new NotFoundException("記録が見つかりません。");
        use.AcknowledgedAt = clock.GetUtcNow();
        use.AcknowledgedBy = actor.Name;
        use.Note = Text.Optional(note, 500, "note", "確認内容", multiline: true);
        audit.Record(actor, "emergency.acknowledge", "user", use.UserId, detail: use.Note);
        await db.SaveChangesAsync(ct);
        notices.Changed();
    }
}

/// <summary>What an installation administrator types to create an emergency account on a page.</summary>
public sealed record NewEmergencyAccount(string? Email, string? Name, Guid? FacilityId, string? Password);
