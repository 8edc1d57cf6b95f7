using OtpNet;

namespace Mamori.EndToEndTests.Infrastructure;

/// <summary>
/// The administrator's authenticator app. Mamori accepts each 30-second step once, so a second sign-in within a
/// step uses the next step's code (accepted as clock drift); another waits for time to catch up.
/// </summary>
public sealed class Authenticator(string key)
{
    private readonly Totp _totp = new(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal)));
    private readonly Lock _gate = new();
    private long _lastStep;

    public async Task<string> NextCodeAsync()
    {
        while (true)
        {
            var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            lock (_gate)
            {
                var use = Math.Max(step, _lastStep + 1);
                if (use <= step + 1)
                {
                    _lastStep = use;
                    return _totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(use * 30).UtcDateTime);
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
