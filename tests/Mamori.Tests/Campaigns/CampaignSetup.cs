using Mamori.Accounts;
using Mamori.Campaigns;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Campaigns;

/// <summary>Campaigns made and answered through the core services, as the pages and the API do.</summary>
internal static class CampaignSetup
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Campaign> NewAsync(MamoriApp app, Guid facilityId, bool anonymous = true, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, string title = "職員セキュリティ点検")
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CampaignService>().CreateAsync(Actor.System, facilityId, "mhlw-2021-10", title,
            opensAt ?? DateTimeOffset.UtcNow.AddDays(-1), closesAt ?? DateTimeOffset.UtcNow.AddDays(14), anonymous, ct: Ct);
    }

    public static async Task<string> CodeAsync(MamoriApp app, Guid campaignId, string? department = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Mamori.Data.MamoriDbContext>();
        var query = from l in db.Set<CampaignLink>()
                    join d in db.Set<Department>() on l.DepartmentId equals d.Id into ds
                    from d in ds.DefaultIfEmpty()
                    where l.CampaignId == campaignId && (department == null ? l.Kind == LinkKind.General : l.Kind == LinkKind.Department && d.Name == department)
                    select l.Code;
        return await query.SingleAsync(Ct);
    }

    /// <summary>One response; <paramref name="marks"/> is the sheet as a person fills it, e.g. "○○×○○○○○○○".</summary>
    public static async Task<SubmitResult> SubmitAsync(MamoriApp app, string code, string marks, string? department = null, string? jobType = "看護師", string? respondent = null)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CampaignAnswering>().SubmitAsync(code, new ResponseInput(department, jobType, respondent, Answers(marks)), Ct);
    }

    public static Dictionary<string, string?> Answers(string marks) =>
        marks.Select((m, i) => ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)(m == '○' ? "yes" : "no"))).ToDictionary(x => x.Item1, x => x.Item2);

    public static async Task SetHeadcountAsync(MamoriApp app, Guid facilityId, string department, int headcount)
    {
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<DepartmentService>();
        var setup = await service.GetSetupAsync(Actor.System, facilityId, Ct);
        var d = setup.Departments.Single(x => x.Name == department);
        await service.UpdateDepartmentAsync(Actor.System, d.Id, d.Name, headcount, d.Retired, d.Revision, Ct);
    }

    public static async Task<Guid> DepartmentIdAsync(MamoriApp app, Guid facilityId, string department)
    {
        using var scope = app.Services.CreateScope();
        var setup = await scope.ServiceProvider.GetRequiredService<DepartmentService>().GetSetupAsync(Actor.System, facilityId, Ct);
        return setup.Departments.Single(x => x.Name == department).Id;
    }

    public static async Task<T> WithAsync<T>(MamoriApp app, Func<IServiceProvider, Task<T>> call)
    {
        using var scope = app.Services.CreateScope();
        return await call(scope.ServiceProvider);
    }

    public static async Task<Actor> ActorAsync(MamoriApp app, TestUser user)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().ActorAsync(user.Id, Ct);
    }
}
