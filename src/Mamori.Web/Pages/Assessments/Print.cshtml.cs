using Mamori.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Assessments;

public sealed class PrintModel(AssessmentService assessments) : AssessmentPage(assessments)
{
    public Task<IActionResult> OnGetAsync() => LoadAsync(LoadViewAsync);
}
