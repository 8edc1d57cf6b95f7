using Mamori.Assessments;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Facilities;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Api;

/// <summary>Facilities: each caller sees the ones they belong to; only the installation's administrator adds one.</summary>
public static class FacilitiesApi
{
    public static void MapFacilitiesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/facilities", List);
        api.MapGet("/facilities/{id:guid}", Get);
        api.MapPost("/facilities", Create)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        // An unknown catalogId is bad input (400); an unknown or hidden facility is 404.
        api.MapGet("/facilities/{id:guid}/assessments", Rounds)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Ok<IEnumerable<FacilityDto>>> List(CurrentActor me, FacilityService facilities, CancellationToken ct) =>
        TypedResults.Ok((await facilities.ListAsync(await me.GetAsync(), ct)).Select(FacilityDto.From));

    private static async Task<Ok<FacilityDto>> Get(Guid id, CurrentActor me, FacilityService facilities, CancellationToken ct) =>
        TypedResults.Ok(FacilityDto.From(await facilities.GetAsync(await me.GetAsync(), id, ct)));

    private static async Task<Created<IdResponse>> Create(CreateFacilityRequest body, CurrentActor me, FacilityService facilities, CancellationToken ct)
    {
        var kind = FacilityKinds.Parse(body.Kind)
            ?? throw new InvalidInputException("kind は hospital / clinic / dental-clinic / pharmacy のいずれかを指定してください。", "kind");
        var facility = await facilities.CreateAsync(await me.GetAsync(), body.Name, kind, body.OnlineQualification ?? false, ct);
        return TypedResults.Created($"/api/v1/facilities/{facility.Id}", new IdResponse(facility.Id));
    }

    private static async Task<Ok<List<RoundDto>>> Rounds(Guid id, string? checklist, string? catalogId, CurrentActor me, AssessmentService assessments,
        FacilityService facilities, CatalogLibrary catalogs, CancellationToken ct)
    {
        var catalog = await catalogs.FindAsync(catalogId ?? CatalogDefaults.CurrentId, null, ct) ?? throw new InvalidInputException("指定されたチェックリストの版が見つかりません。", "catalogId");
        var actor = await me.GetAsync();
        await facilities.GetAsync(actor, id, ct);
        var rounds = new List<RoundDto>();
        foreach (var list in catalog.Checklists.Where(l => checklist is null || l.Key == checklist))
        {
            rounds.AddRange((await assessments.ListRoundsAsync(actor, id, catalog.Id, list.Key, ct)).Select(r =>
                new RoundDto(r.Id, r.Checklist, r.Respondent, JapaneseDates.Iso(r.Date), AssessmentDto.StatusKey(r.Status), new ResultLineDto(r.Result.Total.Checked, r.Result.Total.Total, r.Result.Total.Ratio))));
        }
        return TypedResults.Ok(rounds);
    }
}

// Requests take strings and nullables so that bad input gets our Japanese message, not a binder's English one.
public sealed record CreateFacilityRequest(string? Name, string? Kind, bool? OnlineQualification);

public sealed record FacilityDto(Guid Id, string Name, string Kind, bool OnlineQualification)
{
    public static FacilityDto From(Facility f) => new(f.Id, f.Name, f.Kind.ToKey(), f.OnlineQualification);
}

public sealed record RoundDto(Guid Id, string Checklist, string Respondent, string Date, string Status, ResultLineDto Total);
