using Mamori.Assessments;
using Mamori.Assessments.Export;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Facilities;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Api;

/// <summary>The JSON API under /api/v1: bearer tokens only; the same feature services as the pages.</summary>
public static class MamoriApi
{
    public static void MapMamoriApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(ApiTokenHandler.Policy)
            .AddEndpointFilter<RefusalFilter>()
            .WithTags("Mamori");

        api.MapGet("/catalogs", (CatalogStore catalogs) =>
            TypedResults.Ok(catalogs.All.Select(c => new CatalogSummaryDto(c.Id, c.Title, c.Edition, JapaneseDates.Iso(c.IssuedOn)))));
        api.MapGet("/catalogs/{id}", Results<Ok<CatalogDto>, ProblemHttpResult> (string id, CatalogStore catalogs) =>
            catalogs.Find(id) is { } c ? TypedResults.Ok(CatalogDto.From(c)) : NotFound("チェックリストの版が見つかりません。"));

        api.MapGet("/facilities", async (CurrentActor me, FacilityService facilities, CancellationToken ct) =>
            TypedResults.Ok((await facilities.ListAsync(await me.GetAsync(), ct)).Select(FacilityDto.From)));
        api.MapGet("/facilities/{id:guid}", async (Guid id, CurrentActor me, FacilityService facilities, CancellationToken ct) =>
            TypedResults.Ok(FacilityDto.From(await facilities.GetAsync(await me.GetAsync(), id, ct))));
        api.MapPost("/facilities", async (CreateFacilityRequest body, CurrentActor me, FacilityService facilities, CancellationToken ct) =>
        {
            var kind = FacilityKinds.Parse(body.Kind)
                ?? throw new InvalidInputException("kind は hospital / clinic / dental-clinic / pharmacy のいずれかを指定してください。", "kind");
            var facility = await facilities.CreateAsync(await me.GetAsync(), body.Name, kind, body.OnlineQualification ?? false, ct);
            return TypedResults.Created($"/api/v1/facilities/{facility.Id}", new IdResponse(facility.Id));
        });
        api.MapGet("/facilities/{id:guid}/assessments", async (Guid id, string? checklist, string? catalogId, CurrentActor me, AssessmentService assessments, FacilityService facilities, CatalogStore catalogs, CancellationToken ct) =>
        {
            var catalog = catalogs.Find(catalogId ?? CatalogDefaults.CurrentId) ?? throw new InvalidInputException("指定されたチェックリストの版が見つかりません。", "catalogId");
            var actor = await me.GetAsync();
            await facilities.GetAsync(actor, id, ct);
            var rounds = new List<RoundDto>();
            foreach (var list in catalog.Checklists.Where(l => checklist is null || l.Key == checklist))
            {
                rounds.AddRange((await assessments.ListRoundsAsync(actor, id, catalog.Id, list.Key, ct)).Select(r =>
                    new RoundDto(r.Id, r.Checklist, r.Respondent, JapaneseDates.Iso(r.Date), AssessmentDto.StatusKey(r.Status), new ResultLineDto(r.Result.Total.Checked, r.Result.Total.Total, r.Result.Total.Ratio))));
            }
            return TypedResults.Ok(rounds);
        });

        api.MapPost("/assessments", async (CreateAssessmentRequest body, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
        {
            if (!Guid.TryParse(body.FacilityId, out var facilityId))
            {
                throw new InvalidInputException("facilityId を指定してください。", "facilityId");
            }
            if (!JapaneseDates.TryParseIso(body.Date, out var date))
            {
                throw new InvalidInputException("date は YYYY-MM-DD 形式の日付で指定してください。", "date");
            }
            var assessment = await assessments.CreateAsync(await me.GetAsync(), facilityId, body.CatalogId, body.Checklist, body.Respondent, date, ct);
            return TypedResults.Created($"/api/v1/assessments/{assessment.Id}", new IdResponse(assessment.Id));
        });
        api.MapGet("/assessments/{id:guid}", async (Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
            TypedResults.Ok(AssessmentDto.From(await assessments.GetAsync(await me.GetAsync(), id, ct))));
        api.MapGet("/assessments/{id:guid}/result", async (Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
            TypedResults.Ok(ResultDto.From((await assessments.GetAsync(await me.GetAsync(), id, ct)).Result)));
        api.MapPut("/assessments/{id:guid}/answers/{number}", async (Guid id, string number, AnswerRequest body, HttpContext http, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
        {
            if (!int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                throw new InvalidInputException("項目番号「{0}」は正しくありません。", [number], "number");
            }
            var update = AnswerBody.Parse(body);
            var revision = await assessments.SaveAnswerAsync(await me.GetAsync(), id, n, update, IfMatch.Revision(http.Request), ct);
            http.Response.Headers.ETag = $"\"{revision}\"";
            return TypedResults.NoContent();
        });
        api.MapPost("/assessments/{id:guid}/complete", async (Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
        {
            await assessments.CompleteAsync(await me.GetAsync(), id, null, ct);
            return TypedResults.NoContent();
        });
        api.MapPost("/assessments/{id:guid}/reopen", async (Guid id, ReopenRequest body, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
        {
            await assessments.ReopenAsync(await me.GetAsync(), id, body.Reason, ct);
            return TypedResults.NoContent();
        });
        api.MapGet("/assessments/{id:guid}/export.xlsx", async (Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
            Downloads.Xlsx(await assessments.GetAsync(await me.GetAsync(), id, "assessment.export.xlsx", ct)));
        api.MapGet("/assessments/{id:guid}/export.csv", async (Guid id, CurrentActor me, AssessmentService assessments, CancellationToken ct) =>
            Downloads.Csv(await assessments.GetAsync(await me.GetAsync(), id, "assessment.export.csv", ct)));
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: 404, title: ProblemResponses.TitleFor(404));
}

/// <summary>Turns the services' refusals into problem details with their Japanese message and status.</summary>
public sealed class RefusalFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (MamoriException e)
        {
            var (status, message, field) = ProblemResponses.Classify(e, context.HttpContext);
            var extensions = field is null ? null : new Dictionary<string, object?> { ["field"] = field };
            return TypedResults.Problem(message, statusCode: status, title: ProblemResponses.TitleFor(status, context.HttpContext), extensions: extensions);
        }
    }
}

/// <summary>The PUT body: which of answer and memo it sets, checked before anything is saved.</summary>
public static class AnswerBody
{
    public static AnswerUpdate Parse(AnswerRequest body)
    {
        var setsValue = body.Answer.ValueKind != System.Text.Json.JsonValueKind.Undefined;
        var setsMemo = body.Memo.ValueKind != System.Text.Json.JsonValueKind.Undefined;
        if (!setsValue && !setsMemo)
        {
            throw new InvalidInputException("answer（\"yes\" / \"no\" / null）または memo を指定してください。", "answer");
        }
        AnswerValue? value = null;
        if (setsValue && !(StringOrNull(body.Answer, out var key) && AnswerValues.TryParse(key, out value) && key is not ""))
        {
            throw new InvalidInputException("answer は \"yes\"（○）、\"no\"（×）、または null（未回答）を指定してください。", "answer");
        }
        string? memo = null;
        if (setsMemo && !StringOrNull(body.Memo, out memo))
        {
            throw new InvalidInputException("memo は文字列または null で指定してください。", "memo");
        }
        return new AnswerUpdate(setsValue, value, setsMemo, memo);
    }

    private static bool StringOrNull(System.Text.Json.JsonElement element, out string? text)
    {
        text = element.ValueKind == System.Text.Json.JsonValueKind.String ? element.GetString() : null;
        return element.ValueKind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Null;
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
        TypedResults.File(AssessmentXlsx.Build(view), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", AssessmentCsv.FileName(view, "xlsx"));

    public static FileContentHttpResult Csv(AssessmentView view) =>
        TypedResults.File(AssessmentCsv.Build(view), "text/csv; charset=utf-8", AssessmentCsv.FileName(view, "csv"));

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
