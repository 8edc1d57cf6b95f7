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

/// <summary>How a report reached an authority: the ministry is phoned, the 個人情報保護委員会 takes its web form.</summary>
public enum FilingMethod
{
    Phone,
    WebForm,
    Email,
    Other,
}

public static class FilingMethods
{
    public static string ToKey(this FilingMethod method) => method switch
    {
        FilingMethod.Phone => "phone",
        FilingMethod.WebForm => "web-form",
        FilingMethod.Email => "email",
        FilingMethod.Other => "other",
    };

    public static string ToJapanese(this FilingMethod method) => method switch
    {
        FilingMethod.Phone => "電話",
        FilingMethod.WebForm => "Webフォーム",
        FilingMethod.Email => "メール",
        FilingMethod.Other => "その他（持参・FAXなど）",
    };

    public static FilingMethod? Parse(string? key) =>
        Enum.GetValues<FilingMethod>().Cast<FilingMethod?>().FirstOrDefault(m => m!.Value.ToKey() == key);
}

/// <summary>
/// A report actually made to an authority (厚生労働省, 個人情報保護委員会 速報/確報, police): closes its deadline. What
/// the hospital will be asked about later is kept with it: how it was made, to whom, the reference number the
/// authority gave, and when (the moment of the report, which may be earlier than when it was entered here).
/// </summary>
public sealed class IncidentFiling
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IncidentId { get; set; }
    public DeadlineKind Kind { get; set; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>When it was entered in Mamori.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    public required string By { get; set; }

    /// <summary>Null for a report recorded only by finishing its step (2-13, 2-18) without the details.</summary>
    public FilingMethod? Method { get; set; }

    public string? Recipient { get; set; }
    public string? Reference { get; set; }
    public string? Note { get; set; }
}

/// <summary>What a person records about a report they made; <see cref="At"/> null means now.</summary>
public sealed record FilingInput(DeadlineKind Kind, FilingMethod Method, string? Recipient, string? Reference, DateTimeOffset? At, string? Note);
