using System.Text;
using System.Text.Json;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Api;

/// <summary>
/// The editions of the ministry's checklists: the shipped ones (catalog/) and those an installation administrator
/// imported (the yearly 令和5〜8年度版, from the ministry's own files). Reading is the same for every caller.
/// </summary>
public static class CatalogApi
{
    public static void MapCatalogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/catalogs", List);
        api.MapGet("/catalogs/{id}", Get);
        api.MapPost("/catalogs", Import)
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapPost("/catalogs/{id}/revisions", Correct)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<Ok<List<CatalogSummaryDto>>> List(CatalogLibrary catalogs, CancellationToken ct) =>
        TypedResults.Ok((await catalogs.AllAsync(ct)).Select(CatalogSummaryDto.From).ToList());

    private static async Task<Ok<CatalogDto>> Get(string id, int? revision, CatalogLibrary catalogs, CancellationToken ct) =>
        TypedResults.Ok(CatalogDto.From(await catalogs.FindAsync(id, revision, ct) ?? throw new NotFoundException("チェックリストの版が見つかりません。")));

    private static async Task<Created<IdTextResponse>> Import(HttpRequest request, CurrentActor me, CatalogLibrary catalogs, CancellationToken ct)
    {
        var actor = await me.GetAsync();
        CatalogLibrary.RequireInstallationAdmin(actor);
        var catalog = await catalogs.ImportAsync(actor, await ReadBodyAsync(request, ct), ct);
        return TypedResults.Created($"/api/v1/catalogs/{catalog.Id}", new IdTextResponse(catalog.Id));
    }

    /// <summary>A corrected text as the next revision: <c>{"note": "…", "document": { …the whole edition… }}</c>.</summary>
    private static async Task<Created<RevisionResponse>> Correct(string id, CorrectionRequest body, CurrentActor me, CatalogLibrary catalogs, CancellationToken ct)
    {
        if (body.Document.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("document に訂正後の版全体（JSON オブジェクト）を指定してください。", "document");
        }
        var catalog = await catalogs.CorrectAsync(await me.GetAsync(), id, body.Document.GetRawText(), body.Note, ct);
        return TypedResults.Created($"/api/v1/catalogs/{catalog.Id}?revision={catalog.Revision}", new RevisionResponse(catalog.Id, catalog.Revision));
    }

    /// <summary>The body as text; Kestrel refuses a longer one with 413 (a problem like every other refusal).</summary>
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = CatalogLibrary.MaxDocumentLength;
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(ct);
        return json.Length == 0 ? throw new InvalidInputException("本文に版の JSON を指定してください。", "file") : json;
    }
}

public sealed record IdTextResponse(string Id);

public sealed record RevisionResponse(string Id, int Revision);

public sealed record CorrectionRequest(string? Note, JsonElement Document);

public sealed record CatalogSummaryDto(string Id, string Title, string Edition, string IssuedOn, string AnswerScheme, int Revision, bool Superseded)
{
    public static CatalogSummaryDto From(ChecklistCatalog c) =>
        new(c.Id, c.Title, c.Edition, JapaneseDates.Iso(c.IssuedOn), c.AnswerScheme.Kind, c.Revision, c.SupersededNote is not null);
}

public sealed record CatalogDto(string Id, string Title, string Edition, string IssuedOn, int Revision, AnswerScheme AnswerScheme, string? SupersededNote,
    string? PreviousEdition, IReadOnlyList<PerspectiveDto> Perspectives, IReadOnlyList<Category> Categories, IReadOnlyList<ChecklistDto> Checklists)
{
    public static CatalogDto From(ChecklistCatalog c) => new(c.Id, c.Title, c.Edition, JapaneseDates.Iso(c.IssuedOn), c.Revision, c.AnswerScheme, c.SupersededNote,
        c.PreviousEdition, c.Perspectives.Select(p => new PerspectiveDto(p.Key.ToKey(), p.Label, p.Definition)).ToList(), c.Categories,
        c.Checklists.Select(l => new ChecklistDto(l.Key, l.Title, l.Audience, l.Requires, l.PerVendor, l.FacilityKinds, l.Sections,
            l.Items.Select(i => new ItemDto(i.Number, i.Label, i.Perspective?.ToKey(), i.Section, i.Category, i.Gateway, i.Text, i.CarriesFrom)).ToList())).ToList());
}

public sealed record PerspectiveDto(string Key, string Label, string Definition);

public sealed record ChecklistDto(string Key, string Title, string Audience, string? Requires, bool PerVendor, IReadOnlyList<string> FacilityKinds,
    IReadOnlyList<Section> Sections, IReadOnlyList<ItemDto> Items);

public sealed record ItemDto(int Number, string? Label, string? Perspective, string? Section, string? Category, bool Gateway, string Text, int? CarriesFrom);
