using System.Globalization;
using Mamori.Campaigns;
using Mamori.Campaigns.Export;
using Mamori.Common;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Api;

/// <summary>Staff campaigns in the JSON API: create one, read it with its department links, read its result.</summary>
public static class CampaignsApi
{
    public static void MapCampaignsApi(this RouteGroupBuilder api)
    {
        // An unknown or hidden facility is bad input here (400); starting a campaign is the facility admin's (403).
        api.MapPost("/campaigns", Create)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        // Those who may not read a campaign are told it is not there (404), never 403.
        api.MapGet("/campaigns/{id:guid}", Get);
        api.MapGet("/campaigns/{id:guid}/result", Result);
    }

    private static async Task<Created<CreatedCampaignDto>> Create(CreateCampaignRequest body, CurrentActor me, CampaignService campaigns, CancellationToken ct)
    {
        if (!Guid.TryParse(body.FacilityId, out var facilityId))
        {
            throw new InvalidInputException("facilityId を指定してください。", "facilityId");
        }
        var opensAt = CampaignDates.Opens(body.OpensAt, "opensAt");
        var closesAt = CampaignDates.Closes(body.ClosesAt, "closesAt");
        var actor = await me.GetAsync();
        var campaign = await campaigns.CreateAsync(actor, facilityId, body.CatalogId, body.Title, opensAt, closesAt, body.Anonymous ?? true,
            body.AnonymityThreshold ?? AnonymityRule.DefaultThreshold, ct);
        var detail = await campaigns.GetAsync(actor, campaign.Id, ct);
        return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", new CreatedCampaignDto(campaign.Id, detail.GeneralCode));
    }

    private static async Task<Ok<CampaignDto>> Get(Guid id, CurrentActor me, CampaignService campaigns, PublicAddresses addresses, CancellationToken ct) =>
        TypedResults.Ok(CampaignDto.From(await campaigns.GetAsync(await me.GetAsync(), id, ct), (await addresses.GetAsync(ct)).Url));

    private static async Task<Ok<CampaignResultDto>> Result(Guid id, CurrentActor me, CampaignResults results, CancellationToken ct) =>
        TypedResults.Ok(CampaignResultDto.From(await results.GetAsync(await me.GetAsync(), id, ct: ct)));
}

/// <summary>A campaign's files for the signed-in pages (cookie sign-in); every download is written to the access log.</summary>
public static class CampaignDownloads
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string CsvType = "text/csv; charset=utf-8";

    public static void MapCampaignDownloads(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("/campaigns/{id:guid}").AddEndpointFilter<RefusalFilter>().ExcludeFromDescription();
        web.MapGet("/responses.csv", async (Guid id, CurrentActor me, CampaignResponses responses, CancellationToken ct) =>
        {
            var sheet = await responses.ListAsync(await me.GetAsync(), id, "campaign.export.responses.csv", ct);
            return TypedResults.File(CampaignExport.Csv(CampaignExport.ResponseTable(sheet)), CsvType, CampaignExport.FileName(sheet.Campaign, "responses", "csv"));
        });
        web.MapGet("/responses.xlsx", async (Guid id, CurrentActor me, CampaignResponses responses, CancellationToken ct) =>
        {
            var sheet = await responses.ListAsync(await me.GetAsync(), id, "campaign.export.responses.xlsx", ct);
            return TypedResults.File(CampaignExport.Xlsx(sheet.Campaign.Title, [("回答", CampaignExport.ResponseTable(sheet))]), XlsxType, CampaignExport.FileName(sheet.Campaign, "responses", "xlsx"));
        });
        web.MapGet("/summary.csv", async (Guid id, CurrentActor me, CampaignResults results, CancellationToken ct) =>
        {
            var result = await results.GetAsync(await me.GetAsync(), id, "campaign.export.summary.csv", ct);
            return TypedResults.File(CampaignExport.Csv(CampaignExport.SummaryTables(result)), CsvType, CampaignExport.FileName(result.Campaign, "summary", "csv"));
        });
        web.MapGet("/summary.xlsx", async (Guid id, CurrentActor me, CampaignResults results, CancellationToken ct) =>
        {
            var result = await results.GetAsync(await me.GetAsync(), id, "campaign.export.summary.xlsx", ct);
            return TypedResults.File(CampaignExport.Xlsx(result.Campaign.Title, CampaignExport.SummaryTables(result)), XlsxType, CampaignExport.FileName(result.Campaign, "summary", "xlsx"));
        });
        web.MapGet("/persons.csv", async (Guid id, CurrentActor me, CampaignService campaigns, PublicAddresses addresses, CancellationToken ct) =>
        {
            var baseUrl = (await addresses.GetAsync(ct)).Url ?? throw new ConflictException(PublicAddresses.MissingMessage);
            var (header, persons) = await campaigns.PersonLinksAsync(await me.GetAsync(), id, "campaign.export.persons.csv", ct);
            return TypedResults.File(CampaignExport.PersonsCsv(header.Campaign, persons, baseUrl), CsvType, CampaignExport.FileName(header.Campaign, "persons", "csv"));
        });
    }
}

/// <summary>
/// Campaign periods: a date (YYYY-MM-DD) means the whole day in Japan (opens at 0:00 JST, closes at the end of
/// the day), or an ISO 8601 date and time with its offset for an exact moment.
/// </summary>
public static class CampaignDates
{
    public static DateTimeOffset Opens(string? text, string field) => Parse(text, field, endOfDay: false);

    public static DateTimeOffset Closes(string? text, string field) => Parse(text, field, endOfDay: true);

    private static DateTimeOffset Parse(string? text, string field, bool endOfDay)
    {
        InputDates.CheckTypedDay(text, field);
        if (JapaneseDates.TryParseIso(text, out var date))
        {
            var day = endOfDay ? date.AddDays(1) : date;
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime();
        }
        if (text is { Length: > 10 } && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10))
        {
            return InputDates.Check(moment.ToUniversalTime(), field);
        }
        throw new InvalidInputException("{0} は YYYY-MM-DD（日本時間の日付）か、時差付きの ISO 8601 日時で指定してください。", [field], field);
    }
}

/// <summary>anonymityThreshold: anonymous campaigns show no department or job type with fewer responses (default 5, at least 3).</summary>
public sealed record CreateCampaignRequest(string? FacilityId, string? CatalogId, string? Title, string? OpensAt, string? ClosesAt, bool? Anonymous, int? AnonymityThreshold);

public sealed record CreatedCampaignDto(Guid Id, string Code);

public sealed record CampaignDto(Guid Id, Guid FacilityId, string CatalogId, string Checklist, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    bool Anonymous, string State, string Code, string? Url, bool PublicAddressMissing, int Responses, IReadOnlyList<DepartmentLinkDto> Departments)
{
    /// <summary>Without a public address the links' url fields are null and publicAddressMissing says why.</summary>
    public static CampaignDto From(CampaignDetail d, string? baseUrl)
    {
        var c = d.Campaign;
        return new(c.Id, c.FacilityId, c.CatalogId, c.Checklist, c.Title, c.OpensAt, c.ClosesAt, c.Anonymous, StateKey(d.State), d.GeneralCode,
            PublicAddresses.Link(baseUrl, d.GeneralCode), baseUrl is null, d.Responses,
            d.Departments.Select(x => new DepartmentLinkDto(x.Department.Id, x.Department.Name, x.Department.Headcount, x.Responses, x.Code,
                PublicAddresses.Link(baseUrl, x.Code))).ToList());
    }

    public static string StateKey(CampaignState state) => state switch
    {
        CampaignState.NotYetOpen => "not-yet-open",
        CampaignState.Open => "open",
        CampaignState.Closed => "closed",
    };
}

public sealed record DepartmentLinkDto(Guid Id, string Name, int Headcount, int Responses, string? Code, string? Url);

/// <summary>ratio and yesRatio are percentages with one decimal, as the ministry's result table prints them.</summary>
/// <summary>
/// Anonymous campaigns follow the anonymity rule (Campaigns/AnonymityRule.cs): <c>anonymity</c> gives the threshold,
/// whether everything but the count is withheld, and how many groups were left out; a merged 「その他（少数）」 row
/// says <c>merged: true</c>.
/// </summary>
public sealed record CampaignResultDto(int Responses, int Checked, int Total, decimal? Ratio, IReadOnlyList<ItemResultDto> Items,
    IReadOnlyList<DepartmentResultDto> Departments, IReadOnlyList<JobTypeResultDto> JobTypes, AnonymityDto? Anonymity)
{
    public static CampaignResultDto From(CampaignResult r) => new(r.Responses, r.Total.Checked, r.Total.Total, r.Total.Ratio,
        r.Items.OrderBy(i => i.Item.Number).Select(i => new ItemResultDto(i.Item.Number, i.Line.Checked, i.Line.Total, i.Line.Ratio)).ToList(),
        r.Departments.Select(d => new DepartmentResultDto(d.Name, d.Responses, d.Headcount ?? 0, d.Line.Ratio, d.ResponseRate?.Ratio, d.Line.Checked, d.Line.Total, d.Merged)).ToList(),
        r.JobTypes.Select(j => new JobTypeResultDto(j.Name, j.Responses, j.Line.Ratio, j.Line.Checked, j.Line.Total, j.Merged)).ToList(),
        r.Anonymity is { } a ? new AnonymityDto(a.Threshold, a.Withheld, a.HiddenDepartments, a.HiddenJobTypes) : null);
}

public sealed record AnonymityDto(int Threshold, bool Withheld, int HiddenDepartments, int HiddenJobTypes);

public sealed record ItemResultDto(int Number, int Yes, int Answers, decimal? YesRatio);

/// <summary>ratio: share of ○ in the department's answers; responseRate: responses over headcount (null without a headcount).</summary>
public sealed record DepartmentResultDto(string Name, int Responses, int Headcount, decimal? Ratio, decimal? ResponseRate, int Checked, int Total, bool Merged);

public sealed record JobTypeResultDto(string Name, int Responses, decimal? Ratio, int Checked, int Total, bool Merged);
