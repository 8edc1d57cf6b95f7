using Mamori.Audit;
using Mamori.Data;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Appends each chain's head to the anchor file (Audit:AnchorFile) every five minutes and when the app stops, so
/// at most the last five minutes of the log can be cut off the end without `mamori audit verify` seeing it.
/// </summary>
public sealed class AuditAnchoring(IServiceScopeFactory scopes, AuditAnchors anchors, TimeProvider clock, ILogger<AuditAnchoring> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await AnchorAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await AnchorAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown time ran out: stopping wins; the next anchor (at start of the next round) covers it.
            logger.LogWarning("The access log was not anchored at shutdown: the shutdown time ran out");
        }
    }

    private async Task AnchorAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await anchors.WriteAsync(scope.ServiceProvider.GetRequiredService<MamoriDbContext>(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep the app up; the next round tries again.
            logger.LogError(e, "Anchoring the access log to {Path} failed", anchors.Path);
        }
    }
}
