using Mamori.Audit;
using Mamori.Common;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Accounts;

/// <summary>
/// The acting person's password asked again before a sensitive action (role changes, resets, whole-log exports,
/// tokens): a session left open on a shared PC is not enough. A wrong password is logged against the action.
/// </summary>
public sealed class Reauthentication(UserManager<User> users, AuditLog audit)
{
    public async Task<User> RequireAsync(Actor actor, string? password, string action, string field = "AdminPassword", CancellationToken ct = default)
    {
        var me = actor.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (me is null || string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(me, password))
        {
            await audit.WriteAsync(actor, action, "user", actor.UserId, AuditResult.Failure, "re-authentication failed", ct);
            throw new InvalidInputException("パスワードが正しくありません。この操作には、本人確認のためあなたのパスワードを入力してください。", field);
        }
        return me;
    }
}
