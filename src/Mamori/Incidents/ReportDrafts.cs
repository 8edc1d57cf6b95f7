namespace Mamori.Incidents;

public static class ReportDrafts
{
    public const int BodyMaxLength = 20000;
}
