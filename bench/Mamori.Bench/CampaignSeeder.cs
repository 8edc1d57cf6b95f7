using System.Diagnostics;
using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Campaigns;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Bench;

public sealed record SeededCampaign(Guid Id, string[] DepartmentCodes, int Responses, TimeSpan Elapsed);

/// <summary>
/// The large hospital: one campaign of the first hospital with 5,000 responses over its departments and
/// job types (~75% ○, weaker in some departments). The campaign and its links go through CampaignService; the
/// responses are inserted in bulk through the DbContext, since seeding is not what we measure.
/// </summary>
public static class CampaignSeeder
{
    public const int ResponseCount = 5000;

    public static async Task<SeededCampaign> SeedAsync(string connectionString, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var services = Seeder.CoreServices(connectionString);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
        var facility = await db.Facilities.Where(f => f.Kind == Facilities.FacilityKind.Hospital).OrderBy(f => f.Name).FirstAsync(ct);
        var campaign = await scope.ServiceProvider.GetRequiredService<CampaignService>().CreateAsync(Actor.System, facility.Id, "mhlw-2021-10",
            "ベンチマーク 職員点検", DateTimeOffset.UtcNow.AddDays(-7), DateTimeOffset.UtcNow.AddDays(30), anonymous: true, ct: ct);
        var departments = await db.Set<Department>().Where(d => d.FacilityId == facility.Id).ToListAsync(ct);
        var jobTypes = await db.Set<JobType>().Where(j => j.FacilityId == facility.Id).ToListAsync(ct);
        var codes = await db.Set<CampaignLink>().Where(l => l.CampaignId == campaign.Id && l.Kind == LinkKind.Department).Select(l => l.Code).ToArrayAsync(ct);

        var random = new Random(4);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var batch = 0; batch < ResponseCount / 500; batch++)
        {
            for (var i = 0; i < 500; i++)
            {
                var d = random.Next(departments.Count);
                var response = new CampaignResponse
                {
                    Id = Guid.NewGuid(),
                    CampaignId = campaign.Id,
                    DepartmentId = departments[d].Id,
                    JobTypeId = jobTypes[random.Next(jobTypes.Count)].Id,
                    SubmittedAt = DateTimeOffset.UtcNow.Date,
                };
                response.Answers = Enumerable.Range(1, 10).Select(n => new CampaignAnswer
                {
                    ResponseId = response.Id,
                    ItemNumber = n,
                    Value = random.NextDouble() < 0.85 - d * 0.03 ? AnswerValue.Yes : AnswerValue.No,
                }).ToList();
                response.YesMask = CampaignResponse.MaskOf(response.Answers);
                db.Add(response);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new SeededCampaign(campaign.Id, codes, ResponseCount, clock.Elapsed);
    }
}
