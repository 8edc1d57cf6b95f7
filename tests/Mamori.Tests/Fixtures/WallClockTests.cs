namespace Mamori.Tests.Fixtures;

/// <summary>
/// Tests that depend on the wall clock (the rate limiter's one-minute fixed windows, TOTP's 30-second steps) run
/// on their own after the parallel ones: on 2 cores under the whole suite a sign-in can take seconds, enough to
/// cross a window and turn a correct refusal into a pass (and the reverse). Their logic is unchanged.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockTests
{
    public const string Name = "wall clock";
}
