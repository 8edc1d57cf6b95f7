using Mamori.Accounts;
using Mamori.Common;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages;

/// <summary>What every signed-in screen needs: the acting user, and refusals turned into messages on the page.</summary>
public abstract class MamoriPage : PageModel
{
    private Actor? _actor;

    protected async Task<Actor> ActorAsync() =>
        _actor ??= await HttpContext.RequestServices.GetRequiredService<CurrentActor>().GetAsync();

    [TempData]
    public string? Flash { get; set; }

    /// <summary>Runs a command; a refusal becomes a form error (and the right status), unknown ids a 404 page.</summary>
    protected async Task<IActionResult> TryAsync(Func<Task<IActionResult>> command, Func<Task<IActionResult>> redisplay)
    {
        try
        {
            return await command();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (MamoriException e)
        {
            var (status, message, field) = ProblemResponses.Classify(e, HttpContext);
            ModelState.AddModelError(field ?? string.Empty, message);
            Response.StatusCode = status;
            return await redisplay();
        }
    }

    /// <summary>Loads a screen's data; unknown or hidden ids show the 404 page.</summary>
    protected async Task<IActionResult> LoadAsync(Func<Task> load)
    {
        try
        {
            await load();
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }
}
