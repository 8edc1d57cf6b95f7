using Mamori.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Assessments;

public sealed class CompareModel(AssessmentService assessments) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Before { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid After { get; set; }

    public RoundComparison Comparison { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Comparison = await assessments.CompareAsync(await ActorAsync(), Before, After);
            return Page();
        }
        catch (Mamori.Common.NotFoundException)
        {
            return NotFound();
        }
        catch (Mamori.Common.InvalidInputException e)
        {
            Error = Mamori.Web.Infrastructure.ProblemResponses.Classify(e, HttpContext).Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
