using Mamori.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Catalog;

/// <summary>The checklists as the ministry published them: purpose, how to use, 視点, referenced guidelines, every item.</summary>
public sealed class IndexModel(CatalogStore catalogs) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public ChecklistCatalog Catalog { get; private set; } = null!;

    public IActionResult OnGet()
    {
        var catalog = catalogs.Find(Id ?? CatalogDefaults.CurrentId);
        if (catalog is null)
        {
            return NotFound();
        }
        Catalog = catalog;
        return Page();
    }
}
