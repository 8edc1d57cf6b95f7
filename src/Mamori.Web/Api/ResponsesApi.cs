using System.Text.Json;
using Mamori.Campaigns;
using Mamori.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Api;

/// <summary>
/// A staff member's answers as JSON, at the address of the answering page (POST /r/{code}), so a hospital's
/// own tools can submit: no account, the link's code is the key. The page (Pages/Campaigns/Respond) keeps the
/// GET and the form post; routing sends a post here only when it is JSON.
/// </summary>
public static class ResponsesApi
{
    // A sheet is a few hundred bytes; anything near this is not a sheet.
    private const int MaxBodyBytes = 16 * 1024;

    public static void MapResponsesApi(this RouteGroupBuilder r)
    {
        // No antiforgery token, as on the page before: a browser sends JSON cross-site only after a CORS preflight,
        // which Mamori never allows, and a non-JSON post is routed to the page, which checks the form's token.
        // The /r rate limit (RateLimits:ResponsesPerMinute) applies to every request under /r.
        r.MapPost("/{code}", Submit)
            .Accepts<ResponseRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Created<ResponseReceivedDto>> Submit(string code, ResponseRequest body, CampaignAnswering answering, CancellationToken ct)
    {
        var answers = new Dictionary<string, string?>();
        foreach (var (number, value) in body.Answers ?? [])
        {
            answers[number] = value.ValueKind == JsonValueKind.String ? JsonText.String(value, "answers", new MessageText("項目{0}", Text.Truncate(number, 10)))
                : throw new InvalidInputException("項目{0}の回答は \"yes\"（○）か \"no\"（×）で指定してください。", [Text.Truncate(number, 10)], "answers");
        }
        var result = await answering.SubmitAsync(code, new ResponseInput(body.Department, body.JobType, body.Respondent, answers), ct);
        // No Location: a response is not readable back through this address.
        return TypedResults.Created((string?)null, ResponseReceivedDto.From(result));
    }
}

/// <summary>
/// answers: item number → "yes" (○) or "no" (×). The values stay JSON until checked, so a wrong type gets our
/// Japanese message naming the item rather than the serializer's.
/// </summary>
public sealed record ResponseRequest(string? Department, string? JobType, string? Respondent, Dictionary<string, JsonElement>? Answers);

/// <summary>The × items with their guidance, as the page shows them after a response.</summary>
public sealed record ResponseReceivedDto(Guid Id, IReadOnlyList<WeakItemDto> WeakItems)
{
    public static ResponseReceivedDto From(SubmitResult result) =>
        new(result.ResponseId, result.WeakItems.Select(i => new WeakItemDto(i.Number, i.Text, i.Guidance)).ToList());
}

public sealed record WeakItemDto(int Number, string Text, string? Guidance);
