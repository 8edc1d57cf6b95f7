using Mamori.Accounts;
using Mamori.Common;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Account;

/// <summary>The person's own API tokens: label, expiry, last use; made after re-entering the password, shown once, revocable.</summary>
public sealed class TokensModel(AccountService accounts) : MamoriPage
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The new token, shown on this one response only.</summary>
    public string? NewToken { get; private set; }

    [BindProperty]
    public string? Label { get; set; }

    [BindProperty]
    public int? ExpiresDays { get; set; } = 90;

    [BindProperty]
    public string? Password { get; set; }

    public async Task OnGetAsync() => Tokens = await accounts.ListTokensAsync((await ActorAsync()).UserId!.Value);

    public Task<IActionResult> OnPostCreateAsync() => TryAsync(async () =>
    {
        NewToken = await accounts.CreateOwnTokenAsync(await ActorAsync(), Password, Label, ExpiresDays);
        Password = null;
        await OnGetAsync();
        // Not a redirect: the token exists only in this response.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }, async () =>
    {
        await OnGetAsync();
        return Page();
    });

    public Task<IActionResult> OnPostRevokeAsync(Guid id) => TryAsync(async () =>
    {
        await accounts.RevokeTokenAsync(await ActorAsync(), id);
        Flash = "APIトークンを失効させました。";
        return Redirect("/account/tokens");
    }, async () =>
    {
        await OnGetAsync();
        return Page();
    });

    public static string When(DateTimeOffset? at) => ShownDates.Moment(at);
}
