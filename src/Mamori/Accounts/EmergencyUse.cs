namespace Mamori.Accounts;

/// <summary>One sign-in with an emergency account. Shown to every admin and executive until someone reviews it.</summary>
public sealed class EmergencyUse
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Client { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? Note { get; set; }
}
