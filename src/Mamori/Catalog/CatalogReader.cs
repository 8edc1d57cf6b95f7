using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Common;
using static Mamori.Catalog.CatalogDocument;

namespace Mamori.Catalog;

/// <summary>
/// Turns a catalog document into an edition, refusing it at the first problem with the JSON path of the field,
/// so an administrator importing a ministry file learns exactly what to fix and nothing half-read is stored.
/// </summary>
internal static partial class CatalogReader
{
    public static readonly string[] Audiences = ["executive", "sysadmin", "staff", "vendor"];
    public static readonly string[] FacilityKinds = ["hospital", "clinic", "dental-clinic", "pharmacy"];
    public static readonly string[] CategoryKeys = ["general", "server", "terminal", "network"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    public static partial Regex KeyPattern();

    /// <param name="previous">Finds the edition named by `previousEdition`, whose items `carriesFrom` points at.</param>
    public static ChecklistCatalog Build(Header h, IReadOnlyList<ChecklistFile?> files, Func<string, ChecklistCatalog?> previous)
    {
        if (h.FormatVersion is { } version && version != 1)
        {
            throw Problem("{0} は 1 です（この版の Mamori が読める形式）。", "formatVersion");
        }
        var id = Key(h.Id, "id");
        var scheme = h.AnswerScheme ?? new AnswerScheme("check", 1, false, false);
        if (scheme.Kind is not ("check" or "yes-no"))
        {
            throw Problem("{0} は \"check\" または \"yes-no\" です。", "answerScheme.kind");
        }
        if (scheme.Rounds is < 1 or > 2)
        {
            throw Problem("{0} は 1 または 2 です。", "answerScheme.rounds");
        }
        var perspectives = (h.Perspectives ?? []).Select((p, i) => new PerspectiveInfo(
            PerspectiveKeys.Parse(p.Key) ?? throw Problem("{0} は prevent / detect / correct のいずれかです。", $"perspectives[{i}].key"),
            Required(p.Label, $"perspectives[{i}].label"), p.LabelEn ?? p.Label!, p.Definition ?? "")).ToList();
        var categories = h.Categories ?? [];
        for (var i = 0; i < categories.Count; i++)
        {
            if (!CategoryKeys.Contains(categories[i].Key))
            {
                throw Problem("{0} は general / server / terminal / network のいずれかです。", $"categories[{i}].key");
            }
            Required(categories[i].Label, $"categories[{i}].label");
        }
        Duplicate(categories.Select(c => c.Key), "categories");
        var last = h.PreviousEdition is { Length: > 0 } p0 ? previous(p0) ?? throw Problem("{0}「{1}」の版が見つかりません。先にその版を読み込んでください。", "previousEdition", p0) : null;
        if (files.Count == 0)
        {
            throw Problem("{0} を指定してください。", "checklists");
        }
        var checklists = files.Select((f, i) => Checklist(f ?? throw Problem("{0} を指定してください。", $"checklists[{i}]"), $"checklists[{i}]", categories, last)).ToList();
        Duplicate(checklists.Select(c => c.Key), "checklists[].key");
        return new ChecklistCatalog(
            id,
            Required(h.Title, "title"),
            h.TitleEn ?? h.Title!,
            h.Edition ?? "",
            Day(h.IssuedOn, "issuedOn"),
            h.Publisher ?? "",
            h.Source ?? "",
            scheme,
            perspectives,
            h.Introduction ?? [],
            h.ResultNote,
            h.Guidelines ?? [],
            categories,
            checklists)
        {
            PreviousEdition = last?.Id,
            SupersededNote = h.SupersededNote,
        };
    }

    private static Checklist Checklist(ChecklistFile f, string path, List<Category> categories, ChecklistCatalog? last)
    {
        var key = Key(f.Key, $"{path}.key");
        var audience = f.Audience ?? "";
        if (!Audiences.Contains(audience))
        {
            throw Problem("{0} は executive / sysadmin / staff / vendor のいずれかです（どの様式かが分かりません）。", $"{path}.audience");
        }
        var kinds = f.FacilityKinds ?? [];
        for (var i = 0; i < kinds.Count; i++)
        {
            if (!FacilityKinds.Contains(kinds[i]))
            {
                throw Problem("{0}「{1}」は hospital / clinic / dental-clinic / pharmacy のいずれかです。", $"{path}.facilityKinds[{i}]", kinds[i]);
            }
        }
        var sections = (f.Sections ?? []).Select((s, i) => s is null
            ? throw Problem("{0} を指定してください。", $"{path}.sections[{i}]")
            : new Section(Required(s.Key, $"{path}.sections[{i}].key"), Required(s.Title, $"{path}.sections[{i}].title"))).ToList();
        Duplicate(sections.Select(s => s.Key), $"{path}.sections[].key");
        var files = f.Items ?? [];
        if (files.Count == 0)
        {
            throw Problem("{0} を指定してください。", $"{path}.items");
        }
        var lastList = last?.FindChecklist(key);
        var items = files.Select((item, i) => Item(item ?? throw Problem("{0} を指定してください。", $"{path}.items[{i}]"), $"{path}.items[{i}]", f.HasPerspectives, sections, categories, lastList, last)).ToList();
        var seen = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.Add(items[i].Number))
            {
                throw Problem("{0}: 項目番号 {1} が重複しています。", $"{path}.items[{i}].number", items[i].Number);
            }
        }
        if (items.Count(i => i.Gateway) > 1)
        {
            throw Problem("{0}: 入口の設問（gateway）は一つだけです。", $"{path}.items");
        }
        return new Checklist(key, Required(f.Title, $"{path}.title"), f.TitleEn ?? f.Title!, audience, f.Requires, f.HasPerspectives,
            f.PerVendor, kinds, f.Purpose ?? [], f.HowToUse ?? [], f.ResultNote, sections, items);
    }

    private static ChecklistItem Item(ItemFile i, string path, bool hasPerspectives, List<Section> sections, List<Category> categories,
        Checklist? lastList, ChecklistCatalog? last)
    {
        if (i.Number < 1)
        {
            throw Problem("{0} は 1 以上の整数です。", $"{path}.number");
        }
        var text = Required(i.Text, $"{path}.text");
        Perspective? perspective = null;
        if (i.Perspective is not null)
        {
            perspective = PerspectiveKeys.Parse(i.Perspective) ?? throw Problem("{0} は prevent / detect / correct のいずれかです。", $"{path}.perspective");
        }
        if (hasPerspectives && perspective is null)
        {
            throw Problem("{0} を指定してください（このチェックリストは視点ごとに集計します）。", $"{path}.perspective");
        }
        if (i.Section is { } s && sections.All(x => x.Key != s))
        {
            throw Problem("{0}「{1}」はこのチェックリストの sections にありません。", $"{path}.section", s);
        }
        if (i.Section is null && sections.Count > 0 && !i.Gateway)
        {
            throw Problem("{0} を指定してください（このチェックリストは区分ごとに集計します）。", $"{path}.section");
        }
        if (i.Category is { } c && categories.All(x => x.Key != c))
        {
            throw Problem("{0}「{1}」はこの版の categories にありません。", $"{path}.category", c);
        }
        if (i.CarriesFrom is { } from)
        {
            if (last is null)
            {
                throw Problem("{0} を使うには previousEdition（前年度の版の id）を指定してください。", $"{path}.carriesFrom");
            }
            if (lastList?.FindItem(from) is null)
            {
                throw Problem("{0}: 前年度の版「{1}」に項目 {2} がありません。", $"{path}.carriesFrom", last.Id, from);
            }
        }
        return new ChecklistItem(i.Number, i.Label, perspective, i.Section, i.Category, i.Gateway, text, i.Guidance) { CarriesFrom = i.CarriesFrom };
    }

    private static string Key(string? value, string field)
    {
        var key = Required(value, field);
        return KeyPattern().IsMatch(key) ? key : throw Problem("{0} は半角英小文字・数字・ハイフンで指定してください（例: mhlw-2026）。", field);
    }

    private static DateOnly Day(string? value, string field) =>
        DateOnly.TryParseExact(Required(value, field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw Problem("{0} は YYYY-MM-DD 形式の日付です。", field);

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Problem("{0} を指定してください（空にはできません）。", field) : value;

    private static void Duplicate(IEnumerable<string> keys, string field)
    {
        if (keys.GroupBy(k => k).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            throw Problem("{0}:「{1}」が重複しています。", field, dup.Key);
        }
    }

    private static InvalidInputException Problem(string format, string field, params object?[] more) =>
        new(format, [field, .. more], field);
}
