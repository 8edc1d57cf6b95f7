namespace Mamori.Catalog;

/// <summary>One published edition of the ministry's checklists (e.g. mhlw-2021-10), read from catalog/.</summary>
public sealed record ChecklistCatalog(
    string Id,
    string Title,
    string TitleEn,
    string Edition,
    DateOnly IssuedOn,
    string Publisher,
    string Source,
    AnswerScheme AnswerScheme,
    IReadOnlyList<PerspectiveInfo> Perspectives,
    IReadOnlyList<string> Introduction,
    string? ResultNote,
    IReadOnlyList<Guideline> Guidelines,
    IReadOnlyList<Category> Categories,
    IReadOnlyList<Checklist> Checklists)
{
    public Checklist? FindChecklist(string key) => Checklists.FirstOrDefault(c => c.Key == key);

    /// <summary>The edition's incident-response flowchart, when it has one (catalog.json `incidentFlow`).</summary>
    public IncidentFlow? IncidentFlow { get; init; }

    /// <summary>The edition last year's rounds used: items' `carriesFrom` point into it.</summary>
    public string? PreviousEdition { get; init; }

    /// <summary>Why this edition is kept only for reference (the 2021 edition, since guideline 第6.0版).</summary>
    public string? SupersededNote { get; init; }

    /// <summary>0 for an edition shipped in catalog/; 1, 2… for the revisions of an imported one.</summary>
    public int Revision { get; init; }

    public bool IsImported => Revision > 0;

    public bool IsYesNo => AnswerScheme.Kind == "yes-no";
}

public sealed record AnswerScheme(string Kind, int Rounds, bool ConfirmedOn, bool TargetDateWhenNo);

public sealed record PerspectiveInfo(Perspective Key, string Label, string LabelEn, string Definition);

public sealed record Guideline(string Title, string? Publisher, string? Url);

public sealed record Section(string Key, string Title);

/// <summary>Device category of later editions (サーバ / 端末PC / ネットワーク機器 / 全般).</summary>
public sealed record Category(string Key, string Label, string? LabelEn);

public sealed record Checklist(
    string Key,
    string Title,
    string TitleEn,
    string Audience,
    string? Requires,
    bool HasPerspectives,
    bool PerVendor,
    IReadOnlyList<string> FacilityKinds,
    IReadOnlyList<string> Purpose,
    IReadOnlyList<string> HowToUse,
    string? ResultNote,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<ChecklistItem> Items)
{
    public ChecklistItem? FindItem(int number) => Items.FirstOrDefault(i => i.Number == number);
}

public sealed record ChecklistItem(int Number, string? Label, Perspective? Perspective, string? Section, string? Category, bool Gateway, string Text, string? Guidance)
{
    public string DisplayNumber => Label ?? Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The number of the same item in the previous edition's list of the same key, when the ministry renumbered it.</summary>
    public int? CarriesFrom { get; init; }
}
