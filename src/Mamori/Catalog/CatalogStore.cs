using System.Reflection;
using System.Text.Json;
using Mamori.Common;
using static Mamori.Catalog.CatalogDocument;

namespace Mamori.Catalog;

/// <summary>
/// The editions shipped in this assembly (catalog/*/catalog.json and its checklist files), read once at start so
/// a bad file stops the app rather than a round. Imported editions are read from the database by <see cref="CatalogLibrary"/>.
/// </summary>
public sealed class CatalogStore
{
    private readonly Dictionary<string, ChecklistCatalog> _shipped;

    public CatalogStore(IEnumerable<ChecklistCatalog> catalogs)
    {
        _shipped = catalogs.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>The shipped editions (the imported ones are listed by <see cref="CatalogLibrary"/>, from the database).</summary>
    public IReadOnlyCollection<ChecklistCatalog> All => _shipped.Values;

    /// <summary>A shipped edition. Code that may meet an imported edition asks <see cref="CatalogLibrary"/>.</summary>
    public ChecklistCatalog? Find(string id) => _shipped.GetValueOrDefault(id);

    public Checklist? FindChecklist(string catalogId, string key) => Find(catalogId)?.FindChecklist(key);

    public bool IsShipped(string id) => _shipped.ContainsKey(id);

    public static CatalogStore LoadEmbedded()
    {
        var assembly = typeof(CatalogStore).Assembly;
        var names = assembly.GetManifestResourceNames();
        var catalogs = names
            .Where(n => n.StartsWith("catalog/", StringComparison.Ordinal) && n.EndsWith("/catalog.json", StringComparison.Ordinal))
            .Select(n => Load(assembly, n))
            .OrderBy(c => c.IssuedOn)
            .ToList();
        return new CatalogStore(catalogs);
    }

    private static ChecklistCatalog Load(Assembly assembly, string catalogResource)
    {
        var folder = catalogResource[..catalogResource.LastIndexOf('/')];
        var file = Read<ShippedFile>(assembly, catalogResource);
        var checklists = file.Checklists.Select(name => Read<ChecklistFile>(assembly, $"{folder}/{name}")).ToList();
        try
        {
            return CatalogReader.Build(file.Header, checklists, _ => null) with
            {
                IncidentFlow = file.IncidentFlow is { } flow ? IncidentFlowReader.Read(Read<IncidentFlowReader.FlowFile>(assembly, $"{folder}/{flow}"), flow) : null,
            };
        }
        catch (InvalidInputException e)
        {
            throw new InvalidDataException($"{catalogResource}: {e.Message}", e);
        }
    }

    internal static T Read<T>(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"Catalog file {name} is missing.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"Catalog file {name} is empty.");
    }
}
