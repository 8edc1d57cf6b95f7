using System.Globalization;

namespace Mamori.Catalog;

/// <summary>
/// Reads and checks catalog/*/incident-flow.json. Like the checklists, a broken flow stops the app at start:
/// an incident must never meet an unknown step id or a link to nowhere in the middle of an attack.
/// </summary>
internal static class IncidentFlowReader
{
    public static IncidentFlow Read(FlowFile f, string source)
    {
        var roles = (f.Roles ?? []).Select(r => new FlowRoleInfo(Role(r.Key, source), r.Label, r.LabelEn ?? r.Label)).ToList();
        if (roles.Select(r => r.Key).Distinct().Count() != Enum.GetValues<FlowRole>().Length)
        {
            throw new InvalidDataException($"{source}: every role (executive, safety-manager, staff, external) must be described once.");
        }
        var phases = (f.Phases ?? []).Select(p => new FlowPhase(p.Number, p.Title, p.TitleEn ?? p.Title, p.Summary ?? "")).ToList();
        var steps = (f.Steps ?? []).Select(s => Step(s, source)).ToList();
        if (steps.Select(s => s.Id).Distinct().Count() != steps.Count)
        {
            throw new InvalidDataException($"{source}: step ids must be unique.");
        }
        var ids = steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (phases.All(p => p.Number != step.Phase))
            {
                throw new InvalidDataException($"{source}: step {step.Id} is in an unknown phase.");
            }
            if (step.Links.FirstOrDefault(l => !ids.Contains(l)) is { } link)
            {
                throw new InvalidDataException($"{source}: step {step.Id} links to unknown step {link}.");
            }
            if (!step.TextMissing && step.Sections.Any(x => string.IsNullOrWhiteSpace(x.Text)))
            {
                throw new InvalidDataException($"{source}: step {step.Id} has an empty section without textMissing.");
            }
        }
        var d = f.Decision ?? throw new InvalidDataException($"{source}: decision is required.");
        var decision = new FlowDecision(d.After, d.Question, Branch(d.Signs, source), Branch(d.NoSigns, source));
        foreach (var (branch, path) in new[] { (decision.Signs, FlowPath.Signs), (decision.NoSigns, FlowPath.NoSigns) })
        {
            var onPath = steps.Where(s => s.Path == path).Select(s => s.Id).ToList();
            if (!onPath.SequenceEqual(branch.Steps))
            {
                throw new InvalidDataException($"{source}: decision branch {path} lists {string.Join(",", branch.Steps)} but the steps on that path are {string.Join(",", onPath)}.");
            }
        }
        if (!ids.Contains(decision.After))
        {
            throw new InvalidDataException($"{source}: the decision follows unknown step {decision.After}.");
        }
        var contacts = (f.Contacts ?? []).Select(c => new DefaultContact(c.Key, c.Kind, c.Name, c.History, c.Phone, c.Email, c.Hours, c.Fallback, c.Url, c.Note,
            c.ConfirmedOn is { } on ? DateOnly.Parse(on, CultureInfo.InvariantCulture) : null)).ToList();
        var contactKeys = contacts.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        if (contactKeys.Count != contacts.Count || steps.SelectMany(s => s.Contacts).FirstOrDefault(k => !contactKeys.Contains(k)) is { })
        {
            throw new InvalidDataException($"{source}: contact keys must be unique and every step's contacts must exist.");
        }
        return new IncidentFlow(f.Title ?? throw new InvalidDataException($"{source}: title is required."), f.TitleEn ?? f.Title, f.Source ?? "",
            roles, phases, decision, steps, contacts);
    }

    private static FlowStep Step(StepFile s, string source)
    {
        var parts = s.Id.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var phase) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var number))
        {
            throw new InvalidDataException($"{source}: step id '{s.Id}' is not <phase>-<number>.");
        }
        var path = s.Path switch
        {
            null => FlowPath.Always,
            "signs" => FlowPath.Signs,
            "no-signs" => FlowPath.NoSigns,
            _ => throw new InvalidDataException($"{source}: step {s.Id} has unknown path '{s.Path}'."),
        };
        var roles = s.Roles.Select(r => Role(r, source)).ToList();
        if (roles.Count == 0)
        {
            throw new InvalidDataException($"{source}: step {s.Id} needs at least one role.");
        }
        return new FlowStep(s.Id, phase, number, s.Title, roles, path,
            s.Sections.Select(x => new FlowSection(x.Heading, x.Roles.Select(r => Role(r, source)).ToList(), x.Text)).ToList(),
            s.Examples is { } e ? new FlowExamples(e.Title, e.Items.Select(i => new FlowExample(i.Symptom, i.Response)).ToList()) : null,
            s.Reference is { } r ? new FlowReference(r.Title, r.Text) : null,
            s.ReportItems ?? [], s.Links ?? [], s.Contacts ?? [], s.TextMissing);
    }

    private static FlowBranch Branch(BranchFile? b, string source) =>
        b is null ? throw new InvalidDataException($"{source}: both decision branches are required.") : new FlowBranch(b.Label, b.Steps);

    private static FlowRole Role(string key, string source) =>
        FlowRoles.Parse(key) ?? throw new InvalidDataException($"{source}: unknown role '{key}'.");

    internal sealed record FlowFile(string? Title, string? TitleEn, string? Source, List<RoleFile>? Roles, List<PhaseFile>? Phases,
        DecisionFile? Decision, List<StepFile>? Steps, List<ContactFile>? Contacts);

    internal sealed record RoleFile(string Key, string Label, string? LabelEn);

    internal sealed record PhaseFile(int Number, string Title, string? TitleEn, string? Summary);

    internal sealed record DecisionFile(string After, string Question, BranchFile? Signs, BranchFile? NoSigns);

    internal sealed record BranchFile(string Label, List<string> Steps);

    internal sealed record StepFile(string Id, string Title, List<string> Roles, string? Path, List<SectionFile> Sections, ExamplesFile? Examples,
        ReferenceFile? Reference, List<string>? ReportItems, List<string>? Links, List<string>? Contacts, bool TextMissing);

    internal sealed record SectionFile(string Heading, List<string> Roles, string Text);

    internal sealed record ExamplesFile(string Title, List<ExampleFile> Items);

    internal sealed record ExampleFile(string Symptom, string Response);

    internal sealed record ReferenceFile(string Title, string Text);

    internal sealed record ContactFile(string Key, string Kind, string Name, bool History, string? Phone, string? Email, string? Hours,
        string? Fallback, string? Url, string? Note, string? ConfirmedOn);
}
