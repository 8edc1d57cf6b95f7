using System.Globalization;
using System.Text.Json;
using Mamori.Assessments;
using Mamori.Assessments.Export;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Api;

/// <summary>
/// Rounds of a checklist: created, answered item by item, completed and reopened, exported. Writing is refused
/// with 403 to those who may read a round but not fill it in; a completed round or a stale If-Match is a 409.
/// </summary>
public static class AssessmentsApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";

    public static void MapAssessmentsApi(this RouteGroupBuilder api)
    {
        // An unknown or hidden facility is bad input here (400), like an unknown checklist.
        api.MapPost("/assessments", Create)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/assessments/{id:guid}", Get);
        api.MapGet("/assessments/{id:guid}/result", Result);
        api.MapPut("/assessments/{id:guid}/answers/{number}", SaveAnswer)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/assessments/{id:guid}/complete", Complete)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/assessments/{id:guid}/reopen", Reopen)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/assessments/{id:guid}/export.xlsx", ExportXlsx)
            .Produces<Stream>(StatusCodes.Status200OK, XlsxType);
        api.MapGet("/assessments/{id:guid}/export.csv", ExportCsv)
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv");
    }

    private static async Task<Created<IdResponse>> Create(CreateAssessmentRequest body, CurrentActor me, AssessmentService assessments, CancellationToken ct)
    {
        if (!Guid.TryParse(body.FacilityId, out var facilityId))
        {
            throw new InvalidInputException("facilityId を指定してください。", "facilityId");
        }
        var date = InputDates.ParseDay(body.Date, "date", "date は YYYY-MM-DD 形式の日付で指定してください。")
            ?? throw new InvalidInputException("date は YYYY-MM-DD 形式の日付で指定してください。", "date");
        Guid? carryFrom = null;
        if (body.CarryFrom is { Length: > 0 } from)
        {
            carryFrom = Guid.TryParse(from, out var fromId) ? fromId : throw new InvalidInputException("carryFrom には前年度の回の ID を指定してください。", "carryFrom");
        }
        var assessment = await assessments.CreateAsync(await me.GetAsync(), facilityId, body.CatalogId, body.Checklist, body.Respondent, date, carryFrom, ct);
        return TypedResults.Created($"/api/v1/assessments/{assessment.Id}", new IdResponse(assessment.Id));
    }

    private static async Task<Ok<AssessmentDto>> Get(Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
        TypedResults.Ok(AssessmentDto.From(await assessments.GetAsync(await me.GetAsync(), id, ct)));

    /// <summary>The 2021 edition's result per 視点 as before; a yearly edition's per section and round.</summary>
    private static async Task<Results<Ok<ResultDto>, Ok<YearlyResultDto>>> Result(Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct)
    {
        var view = await assessments.GetAsync(await me.GetAsync(), id, ct);
        return view.Catalog.IsYesNo ? TypedResults.Ok(YearlyResultDto.From(view.YearlyResult)) : TypedResults.Ok(ResultDto.From(view.Result));
    }

    private static async Task<NoContent> SaveAnswer(Guid id, string number, AnswerRequest body, HttpContext http, CurrentActor me, AssessmentService assessments, CancellationToken ct)
    {
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new InvalidInputException("項目番号「{0}」は正しくありません。", [number], "number");
        }
        var revision = body.Round.ValueKind == JsonValueKind.Undefined
            ? await assessments.SaveAnswerAsync(await me.GetAsync(), id, n, AnswerBody.Parse(body), IfMatch.Revision(http.Request), ct)
            : await assessments.SaveYearlyAnswerAsync(await me.GetAsync(), id, n, AnswerBody.ParseYearly(body), IfMatch.Revision(http.Request), ct);
        http.Response.Headers.ETag = $"\"{revision}\"";
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Complete(Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct)
    {
        await assessments.CompleteAsync(await me.GetAsync(), id, null, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Reopen(Guid id, ReopenRequest body, CurrentActor me, AssessmentService assessments, CancellationToken ct)
    {
        await assessments.ReopenAsync(await me.GetAsync(), id, body.Reason, ct);
        return TypedResults.NoContent();
    }

    private static async Task<FileContentHttpResult> ExportXlsx(Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
        Downloads.Xlsx(await assessments.GetAsync(await me.GetAsync(), id, "assessment.export.xlsx", ct));

    private static async Task<FileContentHttpResult> ExportCsv(Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
        Downloads.Csv(await assessments.GetAsync(await me.GetAsync(), id, "assessment.export.csv", ct));
}

/// <summary>The PUT body: which of answer and memo it sets, checked before anything is saved.</summary>
public static class AnswerBody
{
    public static AnswerUpdate Parse(AnswerRequest body)
    {
        var setsValue = body.Answer.ValueKind != JsonValueKind.Undefined;
        var setsMemo = body.Memo.ValueKind != JsonValueKind.Undefined;
        if (!setsValue && !setsMemo)
        {
            throw new InvalidInputException("answer（\"yes\" / \"no\" / null）または memo を指定してください。", "answer");
        }
        AnswerValue? value = null;
        if (setsValue && !(StringOrNull(body.Answer, "answer", out var key) && AnswerValues.TryParse(key, out value) && key is not ""))
        {
            throw new InvalidInputException("answer は \"yes\"（○）、\"no\"（×）、または null（未回答）を指定してください。", "answer");
        }
        string? memo = null;
        if (setsMemo && !StringOrNull(body.Memo, "memo", out memo))
        {
            throw new InvalidInputException("memo は文字列または null で指定してください。", "memo");
        }
        return new AnswerUpdate(setsValue, value, setsMemo, memo);
    }

    /// <summary>A yearly edition's answer: <c>{"round":1|2,"answer":"yes"|"no"|null,"confirmedOn":"YYYY-MM-DD","targetDate"?,"memo"?}</c>.</summary>
    public static YearlyUpdate ParseYearly(AnswerRequest body)
    {
        if (body.Round.ValueKind != JsonValueKind.Number || !body.Round.TryGetInt32(out var round))
        {
            throw new InvalidInputException("round は 1（1回目）または 2（2回目）を数値で指定してください。", "round");
        }
        if (body.Answer.ValueKind == JsonValueKind.Undefined)
        {
            throw new InvalidInputException("answer（\"yes\" はい / \"no\" いいえ / null 未確認）を指定してください。", "answer");
        }
        AnswerValue? value = null;
        if (!(StringOrNull(body.Answer, "answer", out var key) && AnswerValues.TryParse(key, out value) && key is not ""))
        {
            throw new InvalidInputException("answer は \"yes\"（はい）、\"no\"（いいえ）、または null（未確認）を指定してください。", "answer");
        }
        var confirmedOn = Day(body.ConfirmedOn, "confirmedOn", "確認日（confirmedOn）は YYYY-MM-DD 形式の日付で指定してください。");
        var targetDate = Day(body.TargetDate, "targetDate", "目標日（targetDate）は YYYY-MM-DD 形式の日付で指定してください。");
        var setsMemo = body.Memo.ValueKind != JsonValueKind.Undefined;
        string? memo = null;
        if (setsMemo && !StringOrNull(body.Memo, "memo", out memo))
        {
            throw new InvalidInputException("memo は文字列または null で指定してください。", "memo");
        }
        return new YearlyUpdate(round, value, confirmedOn, targetDate, setsMemo, memo);
    }

    private static DateOnly? Day(JsonElement element, string field, string message) => element.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => InputDates.ParseDay(element.GetString(), field, message) ?? throw new InvalidInputException(message, field),
        _ => throw new InvalidInputException(message, field),
    };

    private static bool StringOrNull(JsonElement element, string field, out string? text)
    {
        text = element.ValueKind == JsonValueKind.String ? JsonText.String(element, field, field) : null;
        return element.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }
}

/// <summary>
/// Optional optimistic concurrency on the API: If-Match: "3" (the ETag of the last GET or PUT) refuses the
/// write if the answer's revision moved on; no header or "*" writes unconditionally.
/// </summary>
public static class IfMatch
{
    public static int? Revision(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        value = value.Trim('"');
        if (value.Length == 0 || value == "*")
        {
            return null;
        }
        return int.TryParse(value, out var revision) ? revision : throw new InvalidInputException("If-Match には回答のリビジョン番号を指定してください。", "If-Match");
    }
}

/// <summary>Export responses, shared by the API and the signed-in pages.</summary>
public static class Downloads
{
    public static FileContentHttpResult Xlsx(AssessmentView view) =>
        TypedResults.File(AssessmentXlsx.Build(view), AssessmentsApi.XlsxType, AssessmentCsv.FileName(view, "xlsx"));

    public static FileContentHttpResult Csv(AssessmentView view) =>
        TypedResults.File(AssessmentCsv.Build(view), AssessmentsApi.CsvType, AssessmentCsv.FileName(view, "csv"));

    /// <summary>The same files for the browser, under the page's cookie sign-in.</summary>
    public static void MapWebDownloads(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("/assessments/{id:guid}").AddEndpointFilter<RefusalFilter>().ExcludeFromDescription();
        web.MapGet("/export.xlsx", async (Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
            Xlsx(await assessments.GetAsync(await me.GetAsync(), id, "assessment.export.xlsx", ct)));
        web.MapGet("/export.csv", async (Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
            Csv(await assessments.GetAsync(await me.GetAsync(), id, "assessment.export.csv", ct)));
    }
}

public sealed record CreateAssessmentRequest(string? FacilityId, string? CatalogId, string? Checklist, string? Respondent, string? Date, string? CarryFrom = null);

/// <summary>`answer` absent leaves the answer as it is; `null` clears it (unanswered). The same for `memo`.</summary>
public sealed record AnswerRequest(JsonElement Answer, JsonElement Memo)
{
    // Properties rather than optional parameters: an undefined JsonElement as a default value breaks the OpenAPI document.

    /// <summary>Yearly editions: 1 (1回目) or 2 (2回目).</summary>
    public JsonElement Round { get; init; }

    /// <summary>Yearly editions: 確認日, YYYY-MM-DD.</summary>
    public JsonElement ConfirmedOn { get; init; }

    /// <summary>Yearly editions: 目標日 of a いいえ, YYYY-MM-DD inside the round's fiscal year.</summary>
    public JsonElement TargetDate { get; init; }
}

public sealed record ReopenRequest(string? Reason);

public sealed record AssessmentDto(Guid Id, Guid FacilityId, string CatalogId, string Checklist, string Respondent, string Date, string Status,
    DateTimeOffset? CompletedAt, int Revision, IReadOnlyList<AnswerDto> Answers)
{
    /// <summary>The edition's revision the round is answered on (0 for a shipped edition).</summary>
    public int CatalogRevision { get; init; }

    public int FiscalYear { get; init; }

    public Guid? CarriedFrom { get; init; }

    /// <summary>A yearly edition's items with their answers per round (null for the 2021 edition, whose answers are in <see cref="Answers"/>).</summary>
    public IReadOnlyList<YearlyItemDto>? Items { get; init; }

    public static AssessmentDto From(AssessmentView v)
    {
        var a = v.Assessment;
        if (v.Catalog.IsYesNo)
        {
            return new(a.Id, a.FacilityId, a.CatalogId, a.Checklist, a.Respondent, JapaneseDates.Iso(a.Date), StatusKey(a.Status), a.CompletedAt, a.Revision, [])
            {
                CatalogRevision = a.CatalogRevision,
                FiscalYear = a.FiscalYear,
                CarriedFrom = a.CarriedFrom,
                Items = v.Checklist.Items.Select(i => new YearlyItemDto(i.Number, i.Label, i.Section, i.Category, i.Gateway,
                    Enumerable.Range(1, v.Rounds).Select(r => v.YearlyFor(i.Number, r) is { } x
                        ? new YearlyAnswerDto(r, x.Value.ToKey(), Iso(x.ConfirmedOn), Iso(x.TargetDate), x.Memo, x.CarriedValue.ToKey(), v.GateClosed(r) && !i.Gateway, x.UpdatedAt, x.Revision)
                        : new YearlyAnswerDto(r, null, null, null, null, null, false, null, 0)).ToList())).ToList(),
            };
        }
        return new(a.Id, a.FacilityId, a.CatalogId, a.Checklist, a.Respondent, JapaneseDates.Iso(a.Date), StatusKey(a.Status), a.CompletedAt, a.Revision,
            v.Checklist.Items.Select(i => v.AnswerFor(i.Number) is { } x
                ? new AnswerDto(i.Number, x.Value.ToKey(), x.Memo, x.UpdatedAt, x.Revision)
                : new AnswerDto(i.Number, null, null, null, 0)).ToList()) { CatalogRevision = a.CatalogRevision, FiscalYear = a.FiscalYear };
    }

    private static string? Iso(DateOnly? day) => day is { } d ? JapaneseDates.Iso(d) : null;

    public static string StatusKey(AssessmentStatus status) => status switch
    {
        AssessmentStatus.InProgress => "in-progress",
        AssessmentStatus.Completed => "completed",
    };
}

public sealed record AnswerDto(int Number, string? Answer, string? Memo, DateTimeOffset? UpdatedAt, int Revision);

public sealed record YearlyItemDto(int Number, string? Label, string? Section, string? Category, bool Gateway, IReadOnlyList<YearlyAnswerDto> Rounds);

/// <summary>One round's answer; <c>notApplicable</c> when the gate question is いいえ in that round (確認不要).</summary>
public sealed record YearlyAnswerDto(int Round, string? Answer, string? ConfirmedOn, string? TargetDate, string? Memo, string? LastYear, bool NotApplicable,
    DateTimeOffset? UpdatedAt, int Revision);

public sealed record YearlyResultDto(IReadOnlyList<YearlyLineDto> Sections, IReadOnlyList<YearlyTotalDto> Total)
{
    public static YearlyResultDto From(YearlyResult r) => new(
        r.Sections.Select(l => new YearlyLineDto(l.Section, l.Round, l.Yes, l.Applicable)).ToList(),
        r.Total.Select(l => new YearlyTotalDto(l.Round, l.Yes, l.Applicable)).ToList());
}

public sealed record YearlyLineDto(string? Section, int Round, int Yes, int Applicable);

public sealed record YearlyTotalDto(int Round, int Yes, int Applicable);

public sealed record ResultDto(IReadOnlyList<PerspectiveResultDto> Perspectives, ResultLineDto Total)
{
    public static ResultDto From(AssessmentResult r) => new(
        r.Perspectives.Select(p => new PerspectiveResultDto(p.Perspective.ToKey(), p.Line.Checked, p.Line.Total, p.Line.Ratio)).ToList(),
        new ResultLineDto(r.Total.Checked, r.Total.Total, r.Total.Ratio));
}

public sealed record PerspectiveResultDto(string Perspective, int Checked, int Total, decimal? Ratio);

public sealed record ResultLineDto(int Checked, int Total, decimal? Ratio);
