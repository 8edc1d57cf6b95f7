using Mamori.Audit;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Applies the access log's retention (Audit:RetentionDays; 0, the default, keeps everything) at start and every
/// six hours. Each pruning is itself an entry of the chain. With several app nodes each runs this; the chain's
/// write lock makes them take turns, and the later ones find nothing left to remove.
/// </summary>
public sealed class AuditRetention(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<AuditRetention> logger) : BackgroundService
{
    /// <summary>A mistyped setting must not wipe the log an inspection needs.</summary>
    public const int MinimumDays = 90;

    public static int Days(IConfiguration configuration) => configuration.GetValue("Audit:RetentionDays", 0) switch
    {
        <= 0 => 0,
        < MinimumDays => MinimumDays,
        var d => d,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var days = Days(configuration);
        if (days == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var removed = await scope.ServiceProvider.GetRequiredService<AuditLog>()
                    .PruneBeforeAsync(clock.GetUtcNow().AddDays(-days), stoppingToken);
                if (removed > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Access log retention: removed {Count} entries older than {Days} days", removed, days);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep the app up; the next round tries again.
                logger.LogError(e, "Access log retention failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
