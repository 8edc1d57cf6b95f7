namespace Mamori.Tests.Fixtures;

/// <summary>The real clock plus a shift a test moves forward, so time-based rules are tested without waiting.</summary>
public sealed class SteppingClock : TimeProvider
{
    private long _shiftTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);
}
