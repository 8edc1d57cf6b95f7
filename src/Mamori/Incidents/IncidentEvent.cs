namespace Mamori.Incidents;

public enum IncidentEventKind
{
    Reported,
    Confirmed,
    Dismissed,
    Step,
    Decision,
    Note,
    PersonalData,
    PoliceDecision,
    Filing,
    Upload,
    Report,
    Recovery,
    Closed,
}

/// <summary>
/// One line of an incident's timeline. Written by the service in the same save as the change it describes,
/// never edited: the timeline is the record a hospital shows the ministry, the police and its insurer.
/// </summary>
public sealed class IncidentEvent
{
    public long Id { get; set; }
    public Guid IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public IncidentEventKind Kind { get; set; }
    public string? StepId { get; set; }
    public required string Text { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }
}

/// <summary>A report actually sent to an authority (厚生労働省, 個人情報保護委員会 速報/確報, police): closes its deadline.</summary>
public sealed class IncidentFiling
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IncidentId { get; set; }
    public DeadlineKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public string? Note { get; set; }
}
