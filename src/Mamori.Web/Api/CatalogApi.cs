using Mamori.Catalog;
using Mamori.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Api;

/// <summary>The editions of the ministry's checklists, as shipped in catalog/: read-only, the same for every caller.</summary>
public static class CatalogApi
{
    public static void MapCatalogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/catalogs", List);
        api.MapGet("/catalogs/{id}", Get);
    }

    private static Ok<IEnumerable<CatalogSummaryDto>> List(CatalogStore catalogs) =>
        TypedResults.Ok(catalogs.All.Select(c => new CatalogSummaryDto(c.Id, c.Title, c.Edition, JapaneseDates.Iso(c.IssuedOn))));

    private static Ok<CatalogDto> Get(string id, CatalogStore catalogs) =>
        TypedResults.Ok(CatalogDto.From(catalogs.Find(id) ?? throw new NotFoundException("チェックリストの版が見つかりません。")));
}

public sealed record CatalogSummaryDto(string Id, string Title, string Edition, string IssuedOn);

public sealed record CatalogDto(string Id, string Title, string Edition, string IssuedOn, IReadOnlyList<PerspectiveDto> Perspectives, IReadOnlyList<ChecklistDto> Checklists)
{
    public static CatalogDto From(ChecklistCatalog c) => new(c.Id, c.Title, c.Edition, JapaneseDates.Iso(c.IssuedOn),
        c.Perspectives.Select(p => new PerspectiveDto(p.Key.ToKey(), p.Label, p.Definition)).ToList(),
        c.Checklists.Select(l => new ChecklistDto(l.Key, l.Title, l.Requires,
            l.Items.Select(i => new ItemDto(i.Number, i.Perspective?.ToKey(), i.Text)).ToList())).ToList());
}

public sealed record PerspectiveDto(string Key, string Label, string Definition);

public sealed record ChecklistDto(string Key, string Title, string? Requires, IReadOnlyList<ItemDto> Items);

public sealed record ItemDto(int Number, string? Perspective, string Text);
