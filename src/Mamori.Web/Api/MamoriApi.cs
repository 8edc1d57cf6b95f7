using Mamori.Web.Infrastructure;

namespace Mamori.Web.Api;

/// <summary>
/// The JSON API: /api/v1 for bearer tokens, one group per resource (each in its own file), and the public
/// answering address POST /r/{code}. The endpoints call the same feature services as the pages.
/// </summary>
public static class MamoriApi
{
    public static void MapMamoriApi(this IEndpointRouteBuilder app)
    {
        app.Api("Catalogs").MapCatalogApi();
        app.Api("Facilities").MapFacilitiesApi();
        app.Api("Assessments").MapAssessmentsApi();
        app.Api("Campaigns").MapCampaignsApi();
        app.Api("Incidents").MapIncidentsApi();
        app.Api("Vendors").MapVendorsApi();

        app.MapGroup("/r")
            .AllowAnonymous()
            .AddEndpointFilter<RefusalFilter>()
            .WithTags("Responses")
            .MapResponsesApi();
    }

    // A group per resource rather than one shared group, so each resource gets its own tag in the OpenAPI document.
    private static RouteGroupBuilder Api(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/api/v1")
            .RequireAuthorization(ApiTokenHandler.Policy)
            .AddEndpointFilter<RefusalFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesNotFoundForIds()
            .WithTags(tag);
}

/// <summary>The body of a 201 for a new facility, round or incident: its id (its address is in Location).</summary>
public sealed record IdResponse(Guid Id);
