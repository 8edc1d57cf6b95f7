namespace Mamori.Common;

/// <summary>
/// A record whose revision moves on with every saved change (Audit/AuditSaving.cs), so a page or an API client
/// that read revision n can say so (If-Match) and be refused when someone else has saved since.
/// </summary>
public interface IRevised
{
    int Revision { get; set; }
}
