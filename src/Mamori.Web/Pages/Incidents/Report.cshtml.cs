using Mamori.Common;
using Mamori.Incidents;
using Mamori.Incidents.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Incidents;

/// <summary>A report drafted from the record, edited here before it is downloaded as .docx.</summary>
public sealed class ReportModel(IncidentReports reports) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "";

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public IncidentReport Report { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync() => LoadAsync(ReadAsync);

    public Task<IActionResult> OnPostAsync() => TryAsync(async () =>
    {
        await reports.SaveAsync(await ActorAsync(), Id, ParseKind(), Body, Revision);
        Flash = "報告書を保存しました。";
        return Redirect($"/incidents/{Id}/reports/{Kind}");
    }, async () =>
    {
        var typed = Body;
        await ReadAsync();
        Body = typed;
        return Page();
    });

    private async Task ReadAsync()
    {
        Report = await reports.GetAsync(await ActorAsync(), Id, ParseKind(), "incident.report.view");
        Body = Report.Body;
        Revision = Report.Revision;
    }

    private ReportKind ParseKind() => ReportDrafter.Parse(Kind) ?? throw new NotFoundException("報告書の種類が見つかりません。");
}
