namespace Mamori.Catalog;

/// <summary>
/// One revision of an imported edition, stored as the document the administrator loaded. A revision is never
/// changed: a correction is the next revision, and each round records the revision it is answered on.
/// </summary>
public sealed class CatalogEdition
{
    public required string Id { get; set; }
    public int Revision { get; set; }
    public required string Title { get; set; }

    /// <summary>The catalog document (catalog/README.md with the checklists inline), as imported.</summary>
    public required string Document { get; set; }

    /// <summary>What the correction fixed; null for the first import.</summary>
    public string? Note { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
    public Guid? ImportedBy { get; set; }
    public required string ImportedByName { get; set; }
}
