namespace Mamori.Tests.Fixtures;

/// <summary>
/// A clock a test moves forward. By default it runs with real time (the web app's own timeouts keep working);
/// given <paramref name="stoppedAt"/>, it stands still between steps, for tests that compare durations exactly.
/// </summary>
public sealed class SteppingClock(DateTimeOffset? stoppedAt = null) : TimeProvider
{
    private long _shiftTicks;

    public override DateTimeOffset GetUtcNow() => (stoppedAt ?? System.GetUtcNow()).AddTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);
}
