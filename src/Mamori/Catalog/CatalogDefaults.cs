namespace Mamori.Catalog;

public static class CatalogDefaults
{
    /// <summary>The edition new rounds use unless another is chosen.</summary>
    public const string CurrentId = "mhlw-2021-10";
}
