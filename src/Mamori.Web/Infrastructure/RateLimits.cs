using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Throttles the posts that work without an account (sign-in, first-start setup) per client address, and
/// the public campaign answering pages /r/{code} (GET and POST) on a separate, larger budget: a whole ward may
/// answer from behind one address after a training session.
/// The counters live in each node's memory; the control that must hold across nodes, the lockout of an
/// account after repeated failures, is kept in the database by Identity.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddMamoriRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:SignInPerMinute", 10);
        var responsesPerMinute = configuration.GetValue("RateLimits:ResponsesPerMinute", 300);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (context.Request.Path.StartsWithSegments("/r"))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("r " + address, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = responsesPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
                }
                if (!HttpMethods.IsPost(context.Request.Method) || !IsAnonymousEntry(context.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
    }

    private static bool IsAnonymousEntry(PathString path) => path.StartsWithSegments("/login") || path.StartsWithSegments("/setup");
}
