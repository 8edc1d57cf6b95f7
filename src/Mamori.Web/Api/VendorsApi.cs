using Mamori.Common;
using Mamori.Vendors;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mamori.Web.Api;

/// <summary>
/// The facility's register of systems and their vendors: everyone of the facility reads it, its administrator keeps
/// it (403 for the rest). GET and PUT carry the record's revision as ETag; If-Match on PUT or DELETE refuses a stale
/// write with 409, as the answers API does.
/// </summary>
public static class VendorsApi
{
    public static void MapVendorsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/facilities/{id:guid}/vendors", List);
        api.MapPost("/facilities/{id:guid}/vendors", Create)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/vendors/{id:guid}", Get);
        api.MapPut("/vendors/{id:guid}", Update)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/vendors/{id:guid}", Delete)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<IEnumerable<VendorDto>>> List(Guid id, CurrentActor me, VendorService vendors, TimeProvider clock, CancellationToken ct)
    {
        var today = JapaneseDates.TodayInJst(clock);
        return TypedResults.Ok((await vendors.ListAsync(await me.GetAsync(), id, ct)).Select(v => VendorDto.From(v, today)));
    }

    private static async Task<Created<IdResponse>> Create(Guid id, VendorRequest body, CurrentActor me, VendorService vendors, CancellationToken ct)
    {
        var vendor = await vendors.CreateAsync(await me.GetAsync(), id, body.ToInput(), ct);
        return TypedResults.Created($"/api/v1/vendors/{vendor.Id}", new IdResponse(vendor.Id));
    }

    private static async Task<Ok<VendorDto>> Get(Guid id, HttpContext http, CurrentActor me, VendorService vendors, TimeProvider clock, CancellationToken ct)
    {
        var view = await vendors.GetAsync(await me.GetAsync(), id, ct);
        http.Response.Headers.ETag = $"\"{view.Vendor.Revision}\"";
        return TypedResults.Ok(VendorDto.From(view, JapaneseDates.TodayInJst(clock)));
    }

    private static async Task<NoContent> Update(Guid id, VendorRequest body, HttpContext http, CurrentActor me, VendorService vendors, CancellationToken ct)
    {
        var input = body.ToInput();
        var vendor = await vendors.UpdateAsync(await me.GetAsync(), id, input, IfMatch.Revision(http.Request), ct);
        http.Response.Headers.ETag = $"\"{vendor.Revision}\"";
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Delete(Guid id, HttpContext http, CurrentActor me, VendorService vendors, CancellationToken ct)
    {
        await vendors.DeleteAsync(await me.GetAsync(), id, IfMatch.Revision(http.Request), ct);
        return TypedResults.NoContent();
    }
}

/// <summary>
/// POST and PUT bodies: <c>name</c> is the vendor company, <c>system</c> the system's name; <c>systemKind</c> one of
/// ehr, pacs, departmental, network, other (default other); dates YYYY-MM-DD. PUT replaces every field.
/// </summary>
public sealed record VendorRequest(string? Name, string? System, string? Email, string? SystemKind, string? ContactPerson, string? Phone,
    string? ContractFrom, string? ContractUntil, bool? Remote, string? RemoteMethod, string? Memo)
{
    public VendorInput ToInput()
    {
        var from = InputDates.ParseDay(ContractFrom, "contractFrom", "contractFrom（保守契約の開始日）は YYYY-MM-DD 形式の日付で指定してください。");
        var until = InputDates.ParseDay(ContractUntil, "contractUntil", "contractUntil（保守契約の終了日）は YYYY-MM-DD 形式の日付で指定してください。");
        return new VendorInput(SystemKind, System, Name, ContactPerson, Email, Phone, from, until, Remote ?? false, RemoteMethod, Memo);
    }
}

public sealed record VendorDto(Guid Id, Guid FacilityId, string SystemKind, string System, string Name, string? ContactPerson, string Email, string? Phone,
    string? ContractFrom, string? ContractUntil, bool Remote, string? RemoteMethod, string? Memo, MdsDto? Mds, DateTimeOffset UpdatedAt, string? UpdatedBy, int Revision)
{
    public static VendorDto From(VendorView view, DateOnly today)
    {
        var v = view.Vendor;
        var mds = view.Disclosure is { } f
            ? new MdsDto(f.Id, f.FileName, f.Sha256, v.DisclosureVersion, v.DisclosureDate is { } d ? JapaneseDates.Iso(d) : null, v.IsDisclosureStale(today))
            : null;
        return new(v.Id, v.FacilityId, v.SystemKind.ToKey(), v.SystemName, v.Company, v.ContactPerson, v.Email, v.Phone,
            v.ContractFrom is { } from ? JapaneseDates.Iso(from) : null, v.ContractUntil is { } until ? JapaneseDates.Iso(until) : null,
            v.Remote, v.RemoteMethod, v.Memo, mds, v.UpdatedAt, v.UpdatedBy, v.Revision);
    }
}

/// <summary>The vendor's MDS/SDS: the stored file (download at /files/{fileId} when signed in), its version and date; <c>stale</c> when dated over a year ago.</summary>
public sealed record MdsDto(Guid FileId, string FileName, string Sha256, string? Version, string? Date, bool Stale);
