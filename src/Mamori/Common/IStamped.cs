namespace Mamori.Common;

/// <summary>
/// A record that shows who changed it last and when. Stamped in SaveChanges (Audit/AuditSaving.cs) on every
/// modification, from the access-log entry queued with it, so the page and the log never disagree about who it was.
/// A new record says who created it itself.
/// </summary>
public interface IStamped
{
    void Stamp(DateTimeOffset at, Guid? userId, string userName);
}
