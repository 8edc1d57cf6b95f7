using System.Globalization;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Facilities;

namespace Mamori.Incidents;

/// <summary>What someone files when they see an anomaly (1-1, 1-3), or an admin opens an incident with.</summary>
public sealed record IncidentInput(
    Guid FacilityId,
    string? Title,
    string? Description,
    string? Location,
    IReadOnlyList<string> Signs,
    bool? CablesDisconnected,
    DateTimeOffset DetectedAt,
    bool Exercise);

/// <summary>An incident as one screen (or API response) shows it.</summary>
public sealed record IncidentView(
    Incident Incident,
    Facility Facility,
    IncidentFlow Flow,
    IReadOnlyList<IncidentEvent> Timeline,
    IReadOnlyList<IncidentFiling> Filings,
    IReadOnlyList<Deadline> Deadlines,
    IReadOnlySet<FlowRole> MyRoles,
    bool CanManage,
    bool CanDecideAsExecutive)
{
    public IncidentStep State(string stepId) => Incident.Steps.First(s => s.StepId == stepId);

    /// <summary>The flowchart steps this incident runs (phases 1–4; phase 0 is the facility's preparation).</summary>
    public IEnumerable<FlowStep> Steps => Flow.Steps.Where(s => s.Phase > 0);

    /// <summary>The lowest phase with work left, or null when every step is finished.</summary>
    public int? Phase => IncidentRules.CurrentPhase(Flow, Incident);

    public bool Applies(FlowStep step) => IncidentRules.Applies(step, Incident.CyberattackSigns);

    /// <summary>A role's open steps up to the current phase: what that role should do now.</summary>
    /// <summary>
    /// The steps a role acts on now, first ones first. Before the 2-1 decision the branch steps wait for it (the
    /// service refuses them until then), so the safety manager sees 2-1 itself, not the 17 steps of both branches.
    /// </summary>
    public IReadOnlyList<FlowStep> NowFor(FlowRole role) =>
        Steps.Where(s => s.IsFor(role) && State(s.Id).IsOpen && s.Phase <= (Phase ?? 4) && Applies(s)
            && (s.Path == FlowPath.Always || Incident.CyberattackSigns is not null)).ToList();

    public bool CanUpdate(FlowStep step) => CanManage || step.Roles.Any(MyRoles.Contains);
}

/// <summary>One row of the incident list.</summary>
public sealed record IncidentSummary(Guid Id, Guid FacilityId, string FacilityName, string Title, IncidentStatus Status, bool Exercise,
    DateTimeOffset DetectedAt, DateTimeOffset ReportedAt, bool? CyberattackSigns, int OpenSteps);

/// <summary>A deadline past due on a running incident, for the dashboard.</summary>
public sealed record OverdueItem(Guid IncidentId, string Title, string FacilityName, bool Exercise, Deadline Deadline);

/// <summary>Rules shared by the view and the service, so the page never offers what the service would refuse.</summary>
public static class IncidentRules
{
    public static bool Applies(FlowStep step, bool? signs) => step.Path switch
    {
        FlowPath.Always => true,
        FlowPath.Signs => signs != false,
        FlowPath.NoSigns => signs != true,
    };

    public static int? CurrentPhase(IncidentFlow flow, Incident incident)
    {
        if (incident.Status == IncidentStatus.Reported)
        {
            return 1;
        }
        // Confirmation (1-4) ends detection: a 1-2 nobody ticked does not hold the incident in phase 1.
        var open = flow.Steps.Where(s => s.Phase > 1 && Applies(s, incident.CyberattackSigns))
            .Where(s => incident.Steps.FirstOrDefault(x => x.StepId == s.Id)?.IsOpen == true)
            .Select(s => (int?)s.Phase);
        return open.Min();
    }

    /// <summary>
    /// A time as typed: ISO 8601 with an offset is taken as is; without one (a datetime-local field, or an
    /// API caller in Japan) it is Japan time, which is what every user of Mamori means.
    /// </summary>
    public static DateTimeOffset ParseMoment(string? text, string field, string label)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidInputException("{0}を入力してください。", [label], field);
        }
        InputDates.CheckTypedDay(value, field);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(value))
        {
            return InputDates.Check(withOffset.ToUniversalTime(), field);
        }
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];
        if (DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, TimeSpan.FromHours(9)).ToUniversalTime();
        }
        throw new InvalidInputException("{0}は「2026-11-24T09:30」（日本時間）またはタイムゾーン付きのISO 8601形式で入力してください。", [label], field);
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');

    public static string ToInputValue(DateTimeOffset utc) => JapaneseDates.ToJst(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
