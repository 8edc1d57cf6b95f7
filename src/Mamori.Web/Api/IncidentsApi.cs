using System.Globalization;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Incidents;
using Mamori.Incidents.Reports;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Api;

/// <summary>
/// Incidents under /api/v1: the same IncidentService as the pages. Everyone of a facility may report one and
/// follow it; the decision and most steps are the safety manager's (403 for the others); a closed incident is a 409.
/// </summary>
public static class IncidentsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapIncidentsApi(this RouteGroupBuilder api)
    {
        // An unknown or hidden facility is bad input here (400), like an unknown sign.
        api.MapPost("/incidents", Report)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/incidents", List)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/incidents/{id:guid}", Get);
        api.MapPost("/incidents/{id:guid}/decision", Decide)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/incidents/{id:guid}/steps/{stepId}", UpdateStep)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        // A report made to an authority: the safety manager's or the executives' (403 for the rest).
        api.MapPost("/incidents/{id:guid}/filings", RecordFiling)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        // Reports are the safety manager's and the executives' (403 for the rest of the facility).
        api.MapGet("/incidents/{id:guid}/reports/{kind}.docx", DownloadDocx)
            .Produces<Stream>(StatusCodes.Status200OK, DocxType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/incidents/{id:guid}/reports/{kind}.pdf", DownloadPdf)
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<IdResponse>> Report(CreateIncidentRequest body, CurrentActor me, IncidentService incidents, CancellationToken ct)
    {
        if (!Guid.TryParse(body.FacilityId, out var facilityId))
        {
            throw new InvalidInputException("facilityId を指定してください。", "facilityId");
        }
        var detectedAt = IncidentRules.ParseMoment(body.DetectedAt, "detectedAt", "detectedAt（発見日時）");
        var input = new IncidentInput(facilityId, body.Title, body.Description, body.Location, body.Signs ?? [], body.CablesDisconnected, detectedAt, body.Exercise ?? false);
        var incident = await incidents.ReportAsync(await me.GetAsync(), input, ct);
        return TypedResults.Created($"/api/v1/incidents/{incident.Id}", new IdResponse(incident.Id));
    }

    private static async Task<Ok<IEnumerable<IncidentSummaryDto>>> List(string? facilityId, bool? exercise, int? page, CurrentActor me, IncidentService incidents, CancellationToken ct)
    {
        Guid? facility = null;
        if (facilityId is not null)
        {
            facility = Guid.TryParse(facilityId, out var f) ? f : throw new InvalidInputException("facilityId が正しくありません。", "facilityId");
        }
        var list = await incidents.ListAsync(await me.GetAsync(), facility, exercise ?? false, page ?? 0, ct);
        return TypedResults.Ok(list.Select(IncidentSummaryDto.From));
    }

    private static async Task<Ok<IncidentDto>> Get(Guid id, CurrentActor me, IncidentService incidents, CancellationToken ct) =>
        TypedResults.Ok(IncidentDto.From(await incidents.GetAsync(await me.GetAsync(), id, ct: ct)));

    private static async Task<NoContent> Decide(Guid id, DecisionRequest body, CurrentActor me, IncidentService incidents, CancellationToken ct)
    {
        var signs = body.CyberattackSigns ?? throw new InvalidInputException("cyberattackSigns（サイバー攻撃の兆候の有無）に true または false を指定してください。", "cyberattackSigns");
        await incidents.DecideAsync(await me.GetAsync(), id, signs, body.Grounds, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UpdateStep(Guid id, string stepId, StepRequest body, CurrentActor me, IncidentService incidents, CancellationToken ct)
    {
        StepStatus? status = null;
        if (body.Status is not null)
        {
            status = StepStatuses.Parse(body.Status)
                ?? throw new InvalidInputException("status は pending / in-progress / done / not-applicable のいずれかを指定してください。", "status");
        }
        else if (body.Note is null)
        {
            throw new InvalidInputException("status または note を指定してください。", "status");
        }
        await incidents.UpdateStepAsync(await me.GetAsync(), id, stepId, status, body.Note, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RecordFiling(Guid id, FilingRequest body, CurrentActor me, IncidentService incidents, CancellationToken ct)
    {
        await incidents.RecordFilingAsync(await me.GetAsync(), id, FilingForm.Read(body.Kind, body.Method, body.Recipient, body.Reference, body.At, body.Note), ct);
        return TypedResults.NoContent();
    }

    /// <summary><c>?unfinished=ok</c> exports a report with blanks left in; without it such a report is a 409.</summary>
    private static async Task<FileContentHttpResult> DownloadDocx(Guid id, string kind, string? unfinished, CurrentActor me, IncidentReports reports, CancellationToken ct) =>
        ReportFiles.Docx(await reports.GetAsync(await me.GetAsync(), id, ReportFiles.ParseKind(kind), "incident.report.docx", unfinished == "ok", ct));

    private static async Task<FileContentHttpResult> DownloadPdf(Guid id, string kind, string? unfinished, CurrentActor me, IncidentReports reports, CancellationToken ct) =>
        ReportFiles.Pdf(await reports.GetAsync(await me.GetAsync(), id, ReportFiles.ParseKind(kind), "incident.report.pdf", unfinished == "ok", ct));
}

/// <summary>Report downloads, shared by the API and the signed-in pages.</summary>
public static class ReportFiles
{
    public static ReportKind ParseKind(string kind) => ReportDrafter.Parse(kind)
        ?? throw new InvalidInputException("報告書の種類は executive / mhlw / ppc-preliminary / ppc-final / police のいずれかを指定してください。", "kind");

    /// <summary>The same files for the browser, under the page's cookie sign-in.</summary>
    public static void MapIncidentDownloads(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("/incidents/{id:guid}/reports").AddEndpointFilter<RefusalFilter>().ExcludeFromDescription();
        web.MapGet("/{kind}.docx", async (Guid id, string kind, string? unfinished, CurrentActor me, IncidentReports reports, CancellationToken ct) =>
            Docx(await reports.GetAsync(await me.GetAsync(), id, ParseKind(kind), "incident.report.docx", unfinished == "ok", ct)));
        web.MapGet("/{kind}.pdf", async (Guid id, string kind, string? unfinished, CurrentActor me, IncidentReports reports, CancellationToken ct) =>
            Pdf(await reports.GetAsync(await me.GetAsync(), id, ParseKind(kind), "incident.report.pdf", unfinished == "ok", ct)));

        // Evidence and diagrams always download as attachments, so an uploaded SVG never runs in Mamori's pages.
        app.MapGet("/files/{id:guid}", async (Guid id, CurrentActor me, FileService files, CancellationToken ct) =>
        {
            var (file, bytes) = await files.DownloadAsync(await me.GetAsync(), id, ct);
            return TypedResults.File(bytes, file.Purpose == FilePurpose.Evidence ? "application/octet-stream" : file.ContentType, file.FileName);
        }).AddEndpointFilter<RefusalFilter>().ExcludeFromDescription();
        app.MapGet("/facilities/{facilityId:guid}/binder.pdf", async (Guid facilityId, CurrentActor me, PreparednessService preparedness, CancellationToken ct) =>
        {
            var (name, pdf) = await preparedness.BinderAsync(await me.GetAsync(), facilityId, ct);
            return TypedResults.File(pdf, "application/pdf", name);
        }).AddEndpointFilter<RefusalFilter>().ExcludeFromDescription();
    }

    public static FileContentHttpResult Pdf(IncidentReport report) =>
        TypedResults.File(ReportPdf.Build(report), "application/pdf", report.FileBase + ".pdf");

    public static FileContentHttpResult Docx(IncidentReport report) =>
        TypedResults.File(ReportDocx.Build(report), IncidentsApi.DocxType, report.FileBase + ".docx");
}

public sealed record CreateIncidentRequest(string? FacilityId, string? Title, string? DetectedAt, string? Description, List<string>? Signs, bool? Exercise,
    string? Location, bool? CablesDisconnected);

public sealed record DecisionRequest(bool? CyberattackSigns, string? Grounds);

public sealed record StepRequest(string? Status, string? Note);

public sealed record IncidentSummaryDto(Guid Id, Guid FacilityId, string Facility, string Title, string Status, bool Exercise, DateTimeOffset DetectedAt, int OpenSteps)
{
    public static IncidentSummaryDto From(IncidentSummary s) =>
        new(s.Id, s.FacilityId, s.FacilityName, s.Title, s.Status.ToKey(), s.Exercise, s.DetectedAt, s.OpenSteps);
}

/// <summary>3-1 … 4-1: the recovery plan, cost and effort, and the leak finding (`investigating`, `none`, `possible`, `confirmed`).</summary>
public sealed record RecoveryDto(string? Plan, long? CostYen, string? Effort, string LeakFinding, string? LeakFindingNote);

public sealed record IncidentDto(
    Guid Id,
    Guid FacilityId,
    string Title,
    string Status,
    bool Exercise,
    int? Phase,
    DateTimeOffset DetectedAt,
    DateTimeOffset? AwareAt,
    IReadOnlyList<string> Signs,
    IReadOnlyList<StepDto> Steps,
    DecisionDto? Decision,
    IReadOnlyList<DeadlineDto> Deadlines,
    IReadOnlyList<TimelineDto> Timeline,
    RecoveryDto Recovery)
{
    public static IncidentDto From(IncidentView v)
    {
        var i = v.Incident;
        return new IncidentDto(i.Id, i.FacilityId, i.Title, i.Status.ToKey(), i.Exercise, v.Phase, i.DetectedAt, i.AwareAt, i.SignKeys,
            v.Steps.Select(s =>
            {
                var state = v.State(s.Id);
                return new StepDto(s.Id, state.Status.ToKey(), s.Roles.Select(r => r.ToKey()).ToList(), state.CompletedAt, state.CompletedBy, state.Note, state.Reason);
            }).ToList(),
            i.CyberattackSigns is { } signs ? new DecisionDto(signs, i.DecisionGrounds ?? "", i.DecidedAt, i.DecidedBy) : null,
            v.Deadlines.Select(d => new DeadlineDto(d.Key, d.DueAt, d.Status.ToKey(), d.FiledAt, d.Filing?.Method?.ToKey(), d.Filing?.Recipient, d.Filing?.Reference)).ToList(),
            v.Timeline.Select(e => new TimelineDto(e.At, e.Kind.ToString().ToLower(CultureInfo.InvariantCulture), e.StepId, e.Text, e.UserName)).ToList(),
            new RecoveryDto(i.RecoveryPlan, i.RecoveryCostYen, i.RecoveryEffort, i.LeakFinding.ToKey(), i.LeakFindingNote));
    }
}

public sealed record StepDto(string Id, string Status, IReadOnlyList<string> Roles, DateTimeOffset? CompletedAt, string? CompletedBy, string? Note, string? Reason);

public sealed record DecisionDto(bool CyberattackSigns, string Grounds, DateTimeOffset? DecidedAt, string? DecidedBy);

public sealed record DeadlineDto(string Kind, DateTimeOffset DueAt, string Status, DateTimeOffset? FiledAt, string? Method, string? Recipient, string? Reference);

/// <summary><c>at</c> as on the incident's other times: ISO 8601, Japan time when it has no offset; omitted means now.</summary>
public sealed record FilingRequest(string? Kind, string? Method, string? Recipient, string? Reference, string? At, string? Note);

public sealed record TimelineDto(DateTimeOffset At, string Kind, string? Step, string Text, string By);
