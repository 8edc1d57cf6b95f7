using OtpNet;

namespace Mamori.Tests.Fixtures;

/// <summary>
/// The authenticator app of a test user (also the end-to-end tests' administrator): codes at the app's clock.
/// Mamori accepts each 30-second step only once, so a second sign-in within one step uses the next step's code
/// (accepted as clock drift); a third waits.
/// </summary>
public sealed class TestAuthenticator(string key, TimeProvider clock)
{
    private readonly Totp _totp = new(Base32Encoding.ToBytes(Normalize(key)));
    private readonly Lock _gate = new();
    private long _lastStep;

    public string Key => Normalize(key);

    /// <summary>The key as typed from the screen, where it is shown in groups of four.</summary>
    private static string Normalize(string key) => key.Replace(" ", "", StringComparison.Ordinal);

    public async Task<string> NextCodeAsync()
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var step = new DateTimeOffset(now).ToUnixTimeSeconds() / 30;
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

    /// <summary>A code at the current step without using it up, for tests about replays and wrong codes.</summary>
    public string CodeAt(DateTimeOffset at) => _totp.ComputeTotp(at.UtcDateTime);
}
