namespace Mamori.EndToEndTests.Infrastructure;

/// <summary>Names unique to a test, so tests sharing the one app never see each other's data.</summary>
public static class Names
{
    public static string Facility(string kind) => $"E2E {kind} {Guid.NewGuid().ToString("N")[..6]}";
}
