using Mamori.Catalog;
using Mamori.Incidents;

namespace Mamori.Web.Pages.Incidents;

/// <summary>One table of flowchart steps on the incident page.</summary>
public sealed record StepTable(IncidentView View, IReadOnlyList<FlowStep> Steps, string Caption, bool IncidentOpen);

/// <summary>
/// A phase's steps as the page folds them: those to act on, those that wait for the 2-1 decision (a branch is
/// not chosen yet, and the service refuses them until it is), and those the decision put aside.
/// </summary>
public sealed record StepGroups(IReadOnlyList<FlowStep> Now, IReadOnlyList<FlowStep> AfterDecision, IReadOnlyList<FlowStep> OffPath)
{
    public static StepGroups Of(IncidentView view, IReadOnlyList<FlowStep> steps)
    {
        var decided = view.Incident.CyberattackSigns is not null;
        return new(
            [.. steps.Where(s => s.Path == FlowPath.Always || (decided && view.Applies(s)))],
            [.. steps.Where(s => s.Path != FlowPath.Always && !decided)],
            [.. steps.Where(s => decided && !view.Applies(s))]);
    }
}
