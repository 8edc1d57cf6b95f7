using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Incidents;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// The first page after a start paid for compiling its database queries: a large part of the 0.6 s between the
/// first `/healthz` and the first checklist page (docs/benchmarks.md, changes 15 and 24). While the host is still
/// starting, this runs the reads every signed-in page makes, with ids that match nothing (a facility's and a user's
/// with ones that exist), on another thread (the second core of a clinic PC is otherwise idle then). It only reads:
/// nothing is written, nothing goes to the access log. A failure is logged at debug level and forgotten; the first
/// real request then simply pays the cost itself.
/// </summary>
public static class StartupWarmUp
{
    public static void Start(WebApplication app) => _ = Task.Run(async () =>
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupWarmUp));
        try
        {
            await ReadsAsync(app.Services, app.Lifetime.ApplicationStopping);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Start-up warm-up stopped early");
        }
    });

    /// <summary>The reads of a signed-in page: the actor, the cookie's user check and rebuild, the layout's banners, a round.</summary>
    internal static async Task ReadsAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var s = scope.ServiceProvider;
        var nobody = Guid.NewGuid();
        await s.GetRequiredService<AccountService>().ActorAsync(nobody, ct);
        var users = s.GetRequiredService<UserManager<User>>();
        await users.FindByIdAsync(nobody.ToString());
        // A cookie older than Session:RevalidateSeconds is rebuilt from the user's claims, roles and obligations, and
        // after a restart every browser's cookie is: without this the first page compiled those reads (~0.25 s).
        if (await users.Users.OrderBy(u => u.Id).FirstOrDefaultAsync(ct) is { } someone)
        {
            await s.GetRequiredService<IUserClaimsPrincipalFactory<User>>().CreateAsync(someone);
        }
        await s.GetRequiredService<EmergencyAccounts>().PendingAsync(Actor.System, ct);
        await s.GetRequiredService<IncidentService>().AwaitingConfirmationAsync(Actor.System, ct);
        await s.GetRequiredService<PreparednessService>().ActionsForChecklistAsync(Actor.System, nobody, "sysadmin", ct);
        await s.GetRequiredService<AssessmentService>().PrepareReadsAsync(ct);
    }
}
