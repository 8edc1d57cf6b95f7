using Mamori.Common;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Api;

/// <summary>Turns the services' refusals into problem details with their Japanese message and status.</summary>
public sealed class RefusalFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (MamoriException e)
        {
            var (status, message, field) = ProblemResponses.Classify(e, context.HttpContext);
            var extensions = field is null ? null : new Dictionary<string, object?> { ["field"] = field };
            return TypedResults.Problem(message, statusCode: status, title: ProblemResponses.TitleFor(status, context.HttpContext), extensions: extensions);
        }
    }
}

/// <summary>The refusals an API group's endpoints share, declared once for the OpenAPI document.</summary>
public static class Refusals
{
    /// <summary>
    /// Every route with an {id} answers 404 for an unknown id, and for an id of a facility the caller may not
    /// see: the services answer both the same, so an id's existence is never revealed.
    /// </summary>
    public static TBuilder ProducesNotFoundForIds<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.GetParameter("id") is not null)
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));
            }
        });
        return builder;
    }
}
