using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mamori.Catalog;

/// <summary>
/// The catalogs shipped in this assembly (catalog/*/catalog.json and its checklist files).
/// Read once: they are immutable data, and a bad file must stop the app at start, not mid-round.
/// </summary>
public sealed class CatalogStore
{
    private readonly Dictionary<string, ChecklistCatalog> _byId;

    public CatalogStore(IEnumerable<ChecklistCatalog> catalogs)
    {
        _byId = catalogs.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<ChecklistCatalog> All => _byId.Values;

    public ChecklistCatalog? Find(string id) => _byId.GetValueOrDefault(id);

    public Checklist? FindChecklist(string catalogId, string key) => Find(catalogId)?.FindChecklist(key);

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

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private static ChecklistCatalog Load(Assembly assembly, string catalogResource)
    {
        var folder = catalogResource[..catalogResource.LastIndexOf('/')];
        var file = Read<CatalogFile>(assembly, catalogResource);
        var checklists = file.Checklists.Select(name => ToChecklist(Read<ChecklistFile>(assembly, $"{folder}/{name}"), name)).ToList();
        return new ChecklistCatalog(
            Require(file.Id, "id"),
            Require(file.Title, "title"),
            file.TitleEn ?? file.Title!,
            file.Edition ?? "",
            DateOnly.Parse(Require(file.IssuedOn, "issuedOn"), System.Globalization.CultureInfo.InvariantCulture),
            file.Publisher ?? "",
            file.Source ?? "",
            file.AnswerScheme ?? new AnswerScheme("check", 1, false, false),
            file.Perspectives.Select(p => new PerspectiveInfo(PerspectiveKeys.Parse(p.Key)!.Value, p.Label, p.LabelEn ?? p.Label, p.Definition)).ToList(),
            file.Introduction ?? [],
            file.ResultNote,
            file.Guidelines ?? [],
            file.Categories ?? [],
            checklists)
        {
            IncidentFlow = file.IncidentFlow is { } flow ? IncidentFlowReader.Read(Read<IncidentFlowReader.FlowFile>(assembly, $"{folder}/{flow}"), flow) : null,
        };
    }

    private static Checklist ToChecklist(ChecklistFile f, string source)
    {
        var items = f.Items.Select(i => new ChecklistItem(i.Number, i.Label, PerspectiveKeys.Parse(i.Perspective), i.Section, i.Category, i.Gateway, i.Text, i.Guidance)).ToList();
        if (items.Select(i => i.Number).Distinct().Count() != items.Count)
        {
            throw new InvalidDataException($"{source}: item numbers must be unique.");
        }
        if (f.HasPerspectives && items.Any(i => i.Perspective is null))
        {
            throw new InvalidDataException($"{source}: every item needs a perspective.");
        }
        return new Checklist(Require(f.Key, "key"), Require(f.Title, "title"), f.TitleEn ?? f.Title!, f.Audience ?? "", f.Requires, f.HasPerspectives,
            f.PerVendor, f.FacilityKinds ?? [], f.Purpose ?? [], f.HowToUse ?? [], f.ResultNote, f.Sections ?? [], items);
    }

    internal static T Read<T>(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"Catalog file {name} is missing.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"Catalog file {name} is empty.");
    }

    private static string Require(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidDataException($"Catalog field '{field}' is required.") : value;

    private sealed record CatalogFile(string? Id, string? Title, string? TitleEn, string? Edition, string? IssuedOn, string? Publisher, string? Source,
        AnswerScheme? AnswerScheme, List<PerspectiveFile> Perspectives, List<string>? Introduction, string? ResultNote, List<Guideline>? Guidelines, List<Category>? Categories, List<string> Checklists, string? IncidentFlow);

    private sealed record PerspectiveFile(string Key, string Label, string? LabelEn, string Definition);

    private sealed record ChecklistFile(string? Key, string? Title, string? TitleEn, string? Audience, string? Requires, bool HasPerspectives,
        bool PerVendor, List<string>? FacilityKinds, List<string>? Purpose, List<string>? HowToUse, string? ResultNote, List<Section>? Sections, List<ItemFile> Items);

    private sealed record ItemFile(int Number, string? Label, string? Perspective, string? Section, string? Category, bool Gateway, string Text, string? Guidance);
}
