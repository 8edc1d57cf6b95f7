using Mamori.Audit;
using Mamori.Common;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Admin;

/// <summary>The access log for administrators: filter by period, person, action, result and vendor accounts; CSV export.</summary>
public sealed class AccessLogModel(AuditQuery query, Mamori.Accounts.Reauthentication reauthentication) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Vendors { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Result { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; }

    public AuditPage Log { get; private set; } = new([], false, new Dictionary<(string, string), string>());

    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Each chain's last anchor (Audit:AnchorFile), shown so an administrator can write it down.</summary>
    public IReadOnlyList<(AuditAnchor Anchor, string? Facility)> Anchors { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LoadAsync(ListAsync);

    private async Task ListAsync()
    {
        var actor = await ActorAsync();
        Log = await query.ListAsync(actor, Filter(), PageNumber);
        Anchors = await query.AnchorsAsync(actor);
    }

    [BindProperty]
    public string? AdminPassword { get; set; }

    /// <summary>The whole log (as filtered) leaves the building: the password is asked again first.</summary>
    public Task<IActionResult> OnPostCsvAsync() => TryAsync(async () =>
    {
        var actor = await ActorAsync();
        actor.RequireInstallationAdmin();
        await reauthentication.RequireAsync(actor, AdminPassword, "audit.export");
        var bytes = await query.ExportCsvAsync(actor, Filter());
        return File(bytes, "text/csv; charset=utf-8", $"access-log_{DateTime.UtcNow:yyyyMMddHHmm}.csv");
    }, async () =>
    {
        await ListAsync();
        return Page();
    });

    /// <summary>The printed report (verification, anchors, entries): as much leaves the building as with the CSV, so the same check.</summary>
    public Task<IActionResult> OnPostReportAsync() => TryAsync(async () =>
    {
        var actor = await ActorAsync();
        actor.RequireInstallationAdmin();
        await reauthentication.RequireAsync(actor, AdminPassword, "audit.report");
        var bytes = await query.ReportPdfAsync(actor, Filter());
        return File(bytes, "application/pdf", $"access-log-report_{DateTime.UtcNow:yyyyMMddHHmm}.pdf");
    }, async () =>
    {
        await ListAsync();
        return Page();
    });

    public string QueryFor(int page) =>
        $"?from={Uri.EscapeDataString(From ?? "")}&to={Uri.EscapeDataString(To ?? "")}&user={Uri.EscapeDataString(UserName ?? "")}&action={Uri.EscapeDataString(Action ?? "")}&vendors={Vendors}&result={Uri.EscapeDataString(Result ?? "")}&p={page}";

    private AuditFilter Filter() => new(
        // Text that is not a date is no filter, as before; a date outside the range is refused, as everywhere.
        JapaneseDates.TryParseIso(From, out var from) ? InputDates.Check(from, "from") : null,
        JapaneseDates.TryParseIso(To, out var to) ? InputDates.Check(to, "to") : null,
        Text.Optional(UserName, 100, "user", "利用者"),
        Text.Optional(Action, 64, "action", "操作"),
        Vendors,
        Enum.TryParse<AuditResult>(Result, ignoreCase: true, out var result) ? result : null);
}
