using Microsoft.Extensions.Internal;

namespace Mamori.Common;

/// <summary>MemoryCache reads time through its own clock interface; this one follows the injected TimeProvider, so tests can stop time.</summary>
internal sealed class TimeProviderClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
