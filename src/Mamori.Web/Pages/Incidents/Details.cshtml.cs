using Mamori.Common;
using Mamori.Incidents;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Incidents;

/// <summary>
/// One incident: what each role has to do now, the 2-1 decision, deadlines with clocks, the timeline, and the
/// forms that move the flow on. Every command goes through IncidentService, like the API.
/// </summary>
public sealed class DetailsModel(IncidentService incidents, FileService files, ContactService contacts, TimeProvider clock) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IncidentView View { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<FileWithCustody> Evidence { get; private set; } = [];

    /// <summary>The in-house people (安全管理責任者 and deputies) staff are told will contact them.</summary>
    public IReadOnlyList<FacilityContact> InHouse { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LoadAsync(ReadAsync);

    public Task<IActionResult> OnPostConfirmAsync() => Command(async a => await incidents.ConfirmAsync(a, Id), "確認しました。インシデントとして対応を始めます。");

    public Task<IActionResult> OnPostDismissAsync(string? reason) => Command(async a => await incidents.DismissAsync(a, Id, reason), "インシデントではないとして閉じました。");

    public Task<IActionResult> OnPostDecideAsync(string? signs, string? grounds) => Command(async a =>
    {
        var value = signs switch
        {
            "yes" => true,
            "no" => false,
            _ => throw new InvalidInputException("サイバー攻撃の兆候の有無を選んでください。", "signs"),
        };
        await incidents.DecideAsync(a, Id, value, grounds);
    }, "2-1の判断を記録しました。");

    public Task<IActionResult> OnPostStepAsync(string? step, string? status, string? note) => Command(async a =>
    {
        StepStatus? to = string.IsNullOrEmpty(status) ? null : StepStatuses.Parse(status) ?? throw new InvalidInputException("状態を選んでください。", "status");
        await incidents.UpdateStepAsync(a, Id, step ?? "", to, note);
    }, $"手順{step}を更新しました。");

    public Task<IActionResult> OnPostNoteAsync(string? note) => Command(async a => await incidents.AddNoteAsync(a, Id, note), "記録を追加しました。");

    public Task<IActionResult> OnPostPersonalDataAsync(string? suspected, string? awareAt, bool improper) => Command(async a =>
    {
        var yes = suspected == "yes";
        DateTimeOffset? at = yes && !string.IsNullOrWhiteSpace(awareAt) ? IncidentRules.ParseMoment(awareAt, "awareAt", "漏えい等のおそれを知った日時") : null;
        await incidents.SetPersonalDataAsync(a, Id, yes, at, improper);
    }, "個人情報の漏えい等のおそれを記録しました。");

    public Task<IActionResult> OnPostPoliceAsync(string? dueOn) => Command(async a =>
    {
        var day = InputDates.ParseDay(dueOn, "dueOn", "届出期限を正しく入力してください。");
        await incidents.SetPoliceDueAsync(a, Id, day);
    }, "警察への届出の予定を記録しました。");

    public Task<IActionResult> OnPostRecoveryAsync(string? plan, string? costYen, string? effort, string? finding, string? findingNote) => Command(async a =>
    {
        long? cost = null;
        if (!string.IsNullOrWhiteSpace(costYen))
        {
            cost = long.TryParse(costYen.Replace(",", "", StringComparison.Ordinal).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var yen)
                ? yen
                : throw new InvalidInputException("費用は円単位の数字で入力してください（例: 1500000）。", "costYen");
        }
        var leak = LeakFindings.Parse(finding) ?? throw new InvalidInputException("漏えい等の調査結果を選んでください。", "finding");
        await incidents.SetRecoveryAsync(a, Id, new RecoveryInput(plan, cost, effort, leak, findingNote));
    }, "復旧計画と調査結果を記録しました。");

    public Task<IActionResult> OnPostFilingAsync(string? kind, string? method, string? recipient, string? reference, string? at, string? note) => Command(async a =>
        await incidents.RecordFilingAsync(a, Id, FilingForm.Read(kind, method, recipient, reference, at, note)), "報告したことを記録しました。");

    /// <summary>2-14: evidence is hashed as it arrives; who collected it, from where and when go with it.</summary>
    public Task<IActionResult> OnPostEvidenceAsync(IFormFile? file, string? collectedBy, string? collectedFrom, string? collectedAt, string? note) => Command(async a =>
    {
        DateTimeOffset? at = string.IsNullOrWhiteSpace(collectedAt) ? null : IncidentRules.ParseMoment(collectedAt, "collectedAt", "収集日時");
        var stored = await files.AddEvidenceAsync(a, Id, await Uploads.ReadAsync(file, FileService.EvidenceMaxBytes, note, collectedBy, collectedFrom, at));
        Flash = $"証拠を保全しました（SHA-256：{stored.Sha256}）。";
    }, null);

    public Task<IActionResult> OnPostCloseAsync(string? reason, string? lessons) => Command(async a => await incidents.CloseAsync(a, Id, reason, lessons), "インシデントを終了しました。");

    /// <summary>"あと2日3時間" / "12時間超過": the clock shown beside each deadline (site.js keeps it ticking, with <see cref="ClockWords"/>).</summary>
    public static string Remaining(DateTimeOffset due, DateTimeOffset now, IStringLocalizer L)
    {
        var left = due - now;
        var text = Span(left.Duration(), L);
        return left > TimeSpan.Zero ? L["あと{0}", text] : L["{0}超過", text];
    }

    /// <summary>For a contact due at once: the time since the decision that made it due (site.js keeps it counting).</summary>
    public static string Since(DateTimeOffset decided, DateTimeOffset now, IStringLocalizer L) =>
        now - decided < TimeSpan.FromMinutes(1) ? L["判断したばかりです"] : L["判断から{0}経過", Span((now - decided).Duration(), L)];

    /// <summary>The same words for site.js, so the ticking clock speaks the page's language.</summary>
    public static string ClockWords(IStringLocalizer L) => System.Text.Json.JsonSerializer.Serialize(new
    {
        left = L["あと{0}"].Value,
        over = L["{0}超過"].Value,
        just = L["判断したばかりです"].Value,
        since = L["判断から{0}経過"].Value,
        days = L["{0}日{1}時間"].Value,
        hours = L["{0}時間{1}分"].Value,
        minutes = L["{0}分"].Value,
    });

    private static string Span(TimeSpan span, IStringLocalizer L) =>
        span.TotalDays >= 1 ? L["{0}日{1}時間", (int)span.TotalDays, span.Hours]
        : span.TotalHours >= 1 ? L["{0}時間{1}分", (int)span.TotalHours, span.Minutes]
        : L["{0}分", Math.Max(1, span.Minutes)];

    private async Task ReadAsync()
    {
        View = await incidents.GetAsync(await ActorAsync(), Id);
        Evidence = await files.EvidenceAsync(View);
        Now = clock.GetUtcNow();
        var actor = await ActorAsync();
        if (View.MyRoles.Contains(Mamori.Catalog.FlowRole.Staff) && !View.CanManage)
        {
            InHouse = [.. (await contacts.ListAsync(actor, View.Facility.Id)).Where(c => c.Kind == "internal" && !c.History).Take(4)];
        }
    }

    private Task<IActionResult> Command(Func<Mamori.Accounts.Actor, Task> command, string? done) => TryAsync(async () =>
    {
        await command(await ActorAsync());
        Flash = done ?? Flash;
        return Redirect($"/incidents/{Id}");
    }, async () =>
    {
        await ReadAsync();
        return Page();
    });
}
