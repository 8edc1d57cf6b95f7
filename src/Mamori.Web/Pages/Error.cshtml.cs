using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages;

/// <summary>
/// The page shown for an error status (404 for an unknown address or id, 403, …) in the normal layout, so a person
/// who followed a wrong link still has the menu and a way home. Reached by re-running the request here
/// (<see cref="ProblemResponses.StatusCodePage"/>); the status stays the original one.
/// </summary>
[AllowAnonymous]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string Title { get; private set; } = "";

    public void OnGet()
    {
        Status = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        Title = ProblemResponses.TitleFor(Status, HttpContext);
    }
}
