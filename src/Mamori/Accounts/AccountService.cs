using Mamori.Common;
using Mamori.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Accounts;

/// <summary>Users, their roles, first-start setup and API tokens.</summary>
public sealed class AccountService(MamoriDbContext db, UserManager<User> users, TimeProvider clock, Mamori.Audit.AuditLog audit, ApiTokenCache tokenCache, Reauthentication reauthentication)
{
    public const string TokenPrefix = "mmr_";
    private static readonly TimeSpan SetupCodeLifetime = TimeSpan.FromHours(24);

    public Task<bool> AnyUserAsync(CancellationToken ct = default) => db.Users.AnyAsync(ct);

    /// <summary>On a start with no users, a new one-time code; null once an administrator exists.</summary>
    public async Task<string?> IssueSetupCodeAsync(CancellationToken ct = default)
    {
        if (await AnyUserAsync(ct))
        {
            return null;
        }
        var code = Secrets.NewSetupCode();
        var now = clock.GetUtcNow();
        db.SetupCodes.Add(new SetupCode { CodeHash = Secrets.Hash(code), CreatedAt = now, ExpiresAt = now + SetupCodeLifetime });
        await db.SaveChangesAsync(ct);
        return code;
    }

    public async Task<bool> IsSetupCodeValidAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || await AnyUserAsync(ct))
        {
            return false;
        }
        var hash = Secrets.Hash(code.Trim().ToUpperInvariant());
        var now = clock.GetUtcNow();
        return await db.SetupCodes.AnyAsync(s => s.CodeHash == hash && s.UsedAt == null && s.ExpiresAt > now, ct);
    }

    /// <summary>Creates the first administrator (of every facility) with the console's code; the code then stops working.</summary>
    public async Task<User> CompleteSetupAsync(string? code, string? email, string? name, string? password, CancellationToken ct = default)
    {
        if (!await IsSetupCodeValidAsync(code, ct))
        {
            throw InvalidSetupCode();
        }
        // Claim the code first with one conditional update, so two people posting the same code at once
        // cannot both become administrator.
        var hash = Secrets.Hash(code!.Trim().ToUpperInvariant());
        var now = clock.GetUtcNow();
        if (await db.SetupCodes.Where(s => s.CodeHash == hash && s.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, now), ct) != 1)
        {
            throw InvalidSetupCode();
        }
        User user;
        try
        {
            user = await AddUserAsync(email, name, Role.Admin, null, password, null, ct);
        }
        catch
        {
            // A refused password or email must not burn the code.
            await db.SetupCodes.Where(s => s.CodeHash == hash).ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
        // Every other outstanding code (one per node that started without users) closes with the first administrator.
        await db.SetupCodes.Where(s => s.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, now), ct);
        return user;
    }

    private static InvalidInputException InvalidSetupCode() =>
        new("セットアップコードが正しくないか、既に使用されています。サーバーのコンソールに表示されたURLを開いてください。", "code");

    /// <summary>Creates an account; <paramref name="by"/> is who does it for the log (null: the new user, as at setup).</summary>
    public async Task<User> AddUserAsync(string? email, string? name, Role role, Guid? facilityId, string? password, Actor? by = null, CancellationToken ct = default)
    {
        var address = Text.Required(email, 254, "email", "メールアドレス");
        var displayName = Text.Required(name, 100, "name", "氏名");
        if (facilityId is null && role != Role.Admin)
        {
            throw new InvalidInputException("管理者以外の役割には医療機関を指定してください。", "facility");
        }
        if (facilityId is { } fid && !await db.Facilities.AnyAsync(f => f.Id == fid, ct))
        {
            throw new InvalidInputException("指定された医療機関が見つかりません。", "facility");
        }
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidInputException("パスワードを入力してください。", "password");
        }
        var user = new User { UserName = address, Email = address, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
        user.Roles.Add(new RoleAssignment { UserId = user.Id, FacilityId = facilityId, Role = role });
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidInputException(JapaneseIdentityErrors.Text(result.Errors), "password");
        }
        audit.Record(by ?? new Actor(user.Id, user.DisplayName, user.Roles), "user.create", "user", user.Id, detail: $"{address} {role.ToKey()} facility={facilityId?.ToString() ?? "all"}");
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>A person changes their own password; an administrator's reset obligation ends here.</summary>
    public async Task ChangePasswordAsync(User user, string? current, string? password, string? confirmation, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(password))
        {
            throw new InvalidInputException("現在のパスワードと新しいパスワードを入力してください。", "New");
        }
        if (password != confirmation)
        {
            throw new InvalidInputException("新しいパスワードと確認用のパスワードが一致しません。", "Confirmation");
        }
        if (password == current)
        {
            throw new InvalidInputException("新しいパスワードは現在のものと別にしてください。", "New");
        }
        // Cleared in the same update as the new hash; put back if the change is refused, because the audit entry
        // below is saved through the same context and would otherwise save the cleared flag.
        var mustChange = user.MustChangePassword;
        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, current, password);
        if (!result.Succeeded)
        {
            user.MustChangePassword = mustChange;
            var wrong = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            audit.Record(await ActorAsync(user.Id, ct), "password.change", "user", user.Id, Mamori.Audit.AuditResult.Failure);
            await db.SaveChangesAsync(ct);
            throw new InvalidInputException(wrong ? new MessageText("現在のパスワードが正しくありません。") : JapaneseIdentityErrors.Text(result.Errors), wrong ? "Current" : "New");
        }
        audit.Record(await ActorAsync(user.Id, ct), "password.change", "user", user.Id);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Who is acting, with their roles: on every request, so two plain queries (see AssessmentReads.WithAnswersAsync).</summary>
    public async Task<Actor> ActorAsync(Guid userId, CancellationToken ct = default)
    {
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return new Actor(userId, "?", []);
        }
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct);
        return new Actor(userId, name, roles);
    }

    /// <summary>`mamori tokens create`: a token for the user with this email, made on the server's console.</summary>
    public async Task<string> CreateTokenAsync(string? email, string? label, int? expiresInDays, CancellationToken ct = default)
    {
        var address = Text.Required(email, 254, "email", "メールアドレス");
        var user = await users.FindByEmailAsync(address) ?? throw new InvalidInputException("{0} のユーザーは登録されていません。", [address], "email");
        return await IssueTokenAsync(Actor.System, user.Id, label, expiresInDays, ct);
    }

    /// <summary>A signed-in person makes a token for themselves; their password is asked again first.</summary>
    public async Task<string> CreateOwnTokenAsync(Actor actor, string? password, string? label, int? expiresInDays, CancellationToken ct = default)
    {
        var user = await reauthentication.RequireAsync(actor, password, "token.create", "password", ct);
        return await IssueTokenAsync(actor, user.Id, label, expiresInDays, ct);
    }

    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(Guid userId, CancellationToken ct = default) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);

    /// <summary>Revokes a token: its owner may, and so may an administrator of the whole installation (and the console).</summary>
    public async Task RevokeTokenAsync(Actor actor, Guid tokenId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || (token.UserId != actor.UserId && !actor.IsInstallationAdmin))
        {
            throw new NotFoundException("APIトークンが見つかりません。");
        }
        if (token.RevokedAt is not null)
        {
            return;
        }
        token.RevokedAt = clock.GetUtcNow();
        audit.Record(actor, "token.revoke", "token", token.Id, detail: token.Label);
        await db.SaveChangesAsync(ct);
        // This node stops accepting it at once; other nodes within ApiTokenCache.Lifetime.
        tokenCache.Forget(token.TokenHash);
    }

    private async Task<string> IssueTokenAsync(Actor by, Guid userId, string? label, int? expiresInDays, CancellationToken ct)
    {
        if (expiresInDays is <= 0 or > 3650)
        {
            throw new InvalidInputException("有効期限は1〜3650日で指定してください。", "expires-days");
        }
        var token = Secrets.NewToken(TokenPrefix);
        var now = clock.GetUtcNow();
        var name = Text.Optional(label, 100, "name", "ラベル") ?? "API";
        db.ApiTokens.Add(new ApiToken
        {
            UserId = userId,
            Label = name,
            TokenHash = Secrets.Hash(token),
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        });
        audit.Record(by, "token.create", "user", userId, detail: name);
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>
    /// The user a bearer token stands for, or null for an unknown, expired or revoked token. A valid token is
    /// remembered for <see cref="ApiTokenCache.Lifetime"/> (5 s), so a revocation takes effect within that time.
    /// </summary>
    public async Task<Guid?> ValidateTokenAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }
        var hash = Secrets.Hash(token);
        var now = clock.GetUtcNow();
        if (tokenCache.TryGet(hash, now, out var cached))
        {
            return cached;
        }
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && !db.Users.Any(u => u.Id == t.UserId && u.Disabled))
            .Select(t => new { t.Id, t.UserId, t.ExpiresAt, t.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.ExpiresAt <= now)
        {
            return null;
        }
        // Record use at most once a minute: a write per API call would halve throughput for no gain.
        // The access log gets a "token.use" line on the same rhythm; each API action is logged in its own right.
        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
            audit.Record(await ActorAsync(found.UserId, ct), "token.use", "token", found.Id);
            await db.SaveChangesAsync(ct);
        }
        tokenCache.Remember(hash, found.UserId, found.ExpiresAt);
        return found.UserId;
    }
}
