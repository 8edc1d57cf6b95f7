using System.Security.Claims;
using Mamori.Accounts;

namespace Mamori.Web.Infrastructure;

/// <summary>The signed-in user as an <see cref="Actor"/>, loaded once per request.</summary>
public sealed class CurrentActor(IHttpContextAccessor http, AccountService accounts)
{
    private Actor? _actor;

    public async Task<Actor> GetAsync()
    {
        if (_actor is not null)
        {
            return _actor;
        }
        var id = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        _actor = Guid.TryParse(id, out var userId)
            ? await accounts.ActorAsync(userId, http.HttpContext!.RequestAborted)
            : new Actor(null, "anonymous", []);
        return _actor;
    }
}
