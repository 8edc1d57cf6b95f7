using Mamori.Catalog;
using Mamori.Common;
using Mamori.Facilities;
using Mamori.Incidents;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Incidents;

/// <summary>Phase 0 for one facility: network diagrams (0-2), the emergency binder, drills and improvement actions.</summary>
public sealed class PreparednessModel(FacilityService facilities, FileService files, PreparednessService preparedness, IncidentService incidents, CatalogStore catalogs) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid FacilityId { get; set; }

    public Facility Facility { get; private set; } = null!;
    public IReadOnlyList<StoredFile> Diagrams { get; private set; } = [];
    public IReadOnlyList<ImprovementAction> Actions { get; private set; } = [];
    public IReadOnlyList<IncidentSummary> Drills { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(ReadAsync);

    public Task<IActionResult> OnPostDiagramAsync(IFormFile? file, string? note) => TryAsync(async () =>
    {
        await files.AddDiagramAsync(await ActorAsync(), FacilityId, await Uploads.ReadAsync(file, FileService.DiagramMaxBytes, note));
        Flash = "ネットワーク構成図を登録しました。";
        return Redirect($"/facilities/{FacilityId}/preparedness");
    }, Redisplay);

    public Task<IActionResult> OnPostActionAsync(string? title, string? owner, string? targetOn, string? checklist, string? item) => TryAsync(async () =>
    {
        var target = InputDates.ParseDay(targetOn, "targetOn", "目標日を正しく入力してください。");
        int? number = null;
        if (!string.IsNullOrWhiteSpace(item))
        {
            number = int.TryParse(item, out var n) ? n : throw new InvalidInputException("項目番号は数字で入力してください。", "item");
        }
        await preparedness.AddActionAsync(await ActorAsync(), FacilityId, null, title, owner, target, string.IsNullOrEmpty(checklist) ? null : checklist, number);
        Flash = "改善策を登録しました。";
        return Redirect($"/facilities/{FacilityId}/preparedness");
    }, Redisplay);

    public Task<IActionResult> OnPostDoneAsync(Guid actionId) => TryAsync(async () =>
    {
        await preparedness.CompleteActionAsync(await ActorAsync(), FacilityId, actionId);
        Flash = "改善策を完了にしました。";
        return Redirect($"/facilities/{FacilityId}/preparedness");
    }, Redisplay);

    public string ItemLabel(ImprovementAction a) =>
        a.Checklist is { } key && a.ItemNumber is { } n && catalogs.FindChecklist(CatalogDefaults.CurrentId, key) is { } list ? $"{list.Title} {n}" : "";

    private async Task<IActionResult> Redisplay()
    {
        await ReadAsync();
        return Page();
    }

    private async Task ReadAsync()
    {
        var actor = await ActorAsync();
        Facility = await facilities.GetAsync(actor, FacilityId);
        Diagrams = await files.DiagramsAsync(actor, FacilityId);
        Actions = await preparedness.ActionsAsync(actor, FacilityId);
        Drills = await incidents.ListAsync(actor, FacilityId, exercises: true);
        CanEdit = actor.Has(FacilityId, Mamori.Accounts.Role.Admin);
    }
}

/// <summary>Reads an uploaded file into memory, refusing an oversized one before reading it.</summary>
public static class Uploads
{
    public static async Task<Upload> ReadAsync(IFormFile? file, int max, string? note = null, string? collectedBy = null, string? collectedFrom = null, DateTimeOffset? collectedAt = null)
    {
        if (file is null || file.Length == 0)
        {
            throw new InvalidInputException("ファイルを選んでください。", "file");
        }
        if (file.Length > max)
        {
            throw new TooLargeException("ファイルは{0}MB以下にしてください。", [max / 1024 / 1024], "file");
        }
        using var memory = new MemoryStream();
        await file.CopyToAsync(memory);
        return new Upload(file.FileName, memory.ToArray(), collectedBy, collectedFrom, collectedAt, note, file.ContentType);
    }
}
