using Mamori.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Catalog;

/// <summary>
/// The checklists as the ministry published them: purpose, how to use, 視点, referenced guidelines, every item; for
/// every edition, shipped or imported (an imported one at a given revision with ?revision=).
/// </summary>
public sealed class IndexModel(CatalogLibrary catalogs) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Revision { get; set; }

    public ChecklistCatalog Catalog { get; private set; } = null!;

    public IReadOnlyList<ChecklistCatalog> Editions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var catalog = await catalogs.FindAsync(Id ?? CatalogDefaults.CurrentId, Revision, ct);
        if (catalog is null)
        {
            return NotFound();
        }
        Catalog = catalog;
        Editions = await catalogs.AllAsync(ct);
        return Page();
    }
}
