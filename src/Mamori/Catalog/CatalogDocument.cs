using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mamori.Catalog;

/// <summary>
/// The JSON shapes of catalog/README.md. An imported edition is one document whose `checklists` holds the
/// checklist documents themselves; a shipped edition names files instead, read from the assembly.
/// </summary>
internal static class CatalogDocument
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal sealed record Header(int? FormatVersion, string? Id, string? Title, string? TitleEn, string? Edition, string? IssuedOn, string? Publisher, string? Source,
        AnswerScheme? AnswerScheme, List<PerspectiveFile>? Perspectives, List<string>? Introduction, string? ResultNote, List<Guideline>? Guidelines,
        List<Category>? Categories, string? IncidentFlow, string? PreviousEdition, string? SupersededNote);

    internal sealed record ShippedFile(int? FormatVersion, string? Id, string? Title, string? TitleEn, string? Edition, string? IssuedOn, string? Publisher, string? Source,
        AnswerScheme? AnswerScheme, List<PerspectiveFile>? Perspectives, List<string>? Introduction, string? ResultNote, List<Guideline>? Guidelines,
        List<Category>? Categories, List<string> Checklists, string? IncidentFlow, string? PreviousEdition, string? SupersededNote)
    {
        public Header Header => new(FormatVersion, Id, Title, TitleEn, Edition, IssuedOn, Publisher, Source, AnswerScheme, Perspectives, Introduction, ResultNote,
            Guidelines, Categories, IncidentFlow, PreviousEdition, SupersededNote);
    }

    internal sealed record ImportFile(int? FormatVersion, string? Id, string? Title, string? TitleEn, string? Edition, string? IssuedOn, string? Publisher, string? Source,
        AnswerScheme? AnswerScheme, List<PerspectiveFile>? Perspectives, List<string>? Introduction, string? ResultNote, List<Guideline>? Guidelines,
        List<Category>? Categories, List<ChecklistFile?>? Checklists, string? PreviousEdition)
    {
        public Header Header => new(FormatVersion, Id, Title, TitleEn, Edition, IssuedOn, Publisher, Source, AnswerScheme, Perspectives, Introduction, ResultNote,
            Guidelines, Categories, null, PreviousEdition, null);
    }

    internal sealed record PerspectiveFile(string? Key, string? Label, string? LabelEn, string? Definition);

    internal sealed record ChecklistFile(string? Key, string? Title, string? TitleEn, string? Audience, string? Requires, bool HasPerspectives,
        bool PerVendor, List<string>? FacilityKinds, List<string>? Purpose, List<string>? HowToUse, string? ResultNote, List<Section?>? Sections, List<ItemFile?>? Items);

    internal sealed record ItemFile(int Number, string? Label, string? Perspective, string? Section, string? Category, bool Gateway, string? Text, string? Guidance, int? CarriesFrom);
}
