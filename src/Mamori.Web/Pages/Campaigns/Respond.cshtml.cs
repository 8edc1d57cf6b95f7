using Mamori.Campaigns;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>
/// The public answering page /r/{code}: no account, works without JavaScript. The same address takes JSON too
/// (Api/ResponsesApi.cs): routing sends a JSON post there and every other post here.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // checked below, so an expired form comes back with the answers and a message instead of a bare 400
public sealed class RespondModel(CampaignAnswering answering, IAntiforgery antiforgery) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Department { get; set; }

    [BindProperty]
    public string? JobType { get; set; }

    [BindProperty]
    public string? Respondent { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    [TempData]
    public string? Sent { get; set; }

    public AnswerForm? Form { get; private set; }

    /// <summary>Set when the page shows a message instead of the form (unknown link, closed, answered).</summary>
    public string? Message { get; private set; }

    /// <summary>After a response: the × items with their guidance (null while answering).</summary>
    public IReadOnlyList<ChecklistItem>? Weak { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return Page();
        }
        if (Sent is not null)
        {
            var numbers = Sent.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();
            Weak = Form!.Checklist.Items.Where(i => numbers.Contains(i.Number)).ToList();
            return Page();
        }
        var form = Form!;
        Message = Closed(form);
        Department = form.Departments.FirstOrDefault(d => d.Id == form.Link.DepartmentId)?.Name;
        JobType = form.JobTypes.FirstOrDefault(j => j.Id == form.Link.JobTypeId)?.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError(string.Empty, "フォームの有効期限が切れました。もう一度回答して送信してください。");
            await LoadAsync();
            return Page();
        }
        try
        {
            var result = await answering.SubmitAsync(Code, new ResponseInput(Department, JobType, Respondent, Answers), HttpContext.RequestAborted);
            // Post-redirect-get: reloading the thank-you page does not send the sheet twice.
            Sent = string.Join(',', result.WeakItems.Select(i => i.Number)) + ",";
            return Redirect($"/r/{Code}");
        }
        catch (MamoriException e)
        {
            var (status, message, field) = ProblemResponses.Classify(e, HttpContext);
            Response.StatusCode = status;
            if (!await LoadAsync())
            {
                return Page();
            }
            if (status is 409 or 410)
            {
                Message = message;
            }
            else
            {
                ModelState.AddModelError(field is null ? string.Empty : FieldName(field), message);
            }
            return Page();
        }
    }

    /// <summary>Loads the form for the link; false (with a 404 and a message) when the code is unknown.</summary>
    private async Task<bool> LoadAsync()
    {
        try
        {
            Form = await answering.OpenAsync(Code, HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException e)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Message = ProblemResponses.Classify(e, HttpContext).Message;
            return false;
        }
    }

    private static string? Closed(AnswerForm form)
    {
        if (form.Link.Kind == LinkKind.Person && form.Link.UsedAt is not null)
        {
            return "このリンクからは既に回答が送信されています。ご協力ありがとうございました。";
        }
        return form.State switch
        {
            CampaignState.NotYetOpen => $"この調査の受付はまだ始まっていません。受付開始は {ShownDates.Moment(form.Campaign.OpensAt)} です。",
            CampaignState.Closed => "この調査の受付は終了しました。ご協力ありがとうございました。",
            CampaignState.Open => null,
        };
    }

    private static string FieldName(string field) => field switch
    {
        "department" => nameof(Department),
        "jobType" => nameof(JobType),
        "respondent" => nameof(Respondent),
        _ => string.Empty,
    };
}

