using Mamori.Accounts;
using Mamori.Campaigns;
using Mamori.Common;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Campaigns;

/// <summary>
/// A campaign's results against figures worked out by hand from four sheets. Named campaigns, so every group of
/// one is shown; the anonymity rule has its own tests (AnonymityTests).
/// </summary>
public abstract class CampaignResultTests(MamoriApp app) : IntegrationTest(app)
{
    // 外来: R1 看護師 10○, R2 看護師 5○, R3 医師 0○; 病棟: R4 看護師 4○ (items 1, 3, 5, 7).
    private static readonly (string Department, string JobType, string Marks)[] Sheets =
    [
        ("外来", "看護師", "○○○○○○○○○○"),
        ("外来", "看護師", "○○○○○×××××"),
        ("外来", "医師", "××××××××××"),
        ("病棟", "看護師", "○×○×○×○×××"),
    ];

    private async Task<(Guid Facility, Campaign Campaign)> AnsweredCampaignAsync()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "集計確認病院");
        var earlier = await CampaignSetup.NewAsync(App, facility, anonymous: false, opensAt: DateTimeOffset.UtcNow.AddDays(-200), title: "前回");
        await CampaignSetup.SubmitAsync(App, await CampaignSetup.CodeAsync(App, earlier.Id, "外来"), "○○○○○○○○○○", respondent: "前回 職員");
        var campaign = await CampaignSetup.NewAsync(App, facility, anonymous: false);
        await CampaignSetup.SetHeadcountAsync(App, facility, "外来", 20);
        await CampaignSetup.SetHeadcountAsync(App, facility, "病棟", 8);
        foreach (var (n, (department, jobType, marks)) in Sheets.Index())
        {
            await CampaignSetup.SubmitAsync(App, await CampaignSetup.CodeAsync(App, campaign.Id, department), marks, jobType: jobType, respondent: $"職員 {n + 1}");
        }
        return (facility, campaign);
    }

    [Fact]
    public async Task Result_line_item_shares_and_tables_match_the_hand_computed_figures()
    {
        var (_, campaign) = await AnsweredCampaignAsync();

        var result = await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignResults>().GetAsync(Actor.System, campaign.Id, ct: Ct));

        Assert.Equal(4, result.Responses);
        Assert.Equal("19/40", result.Total.CountText);
        Assert.Equal("47.5%", result.Total.RatioText);
        // ○ per item: 1, 3, 5 → 3/4; 2, 4, 7 → 2/4; 6, 8, 9, 10 → 1/4 (only R1). Weakest first, then by number.
        Assert.Equal([6, 8, 9, 10, 2, 4, 7, 1, 3, 5], result.Items.Select(i => i.Item.Number));
        Assert.Equal([25.0m, 25.0m, 25.0m, 25.0m, 50.0m, 50.0m, 50.0m, 75.0m, 75.0m, 75.0m], result.Items.Select(i => i.Line.Ratio));

        var byName = result.Departments.ToDictionary(d => d.Name);
        Assert.Equal(["病棟", "外来"], result.Departments.Take(2).Select(d => d.Name));
        Assert.Equal((1, "4/10", 40.0m), (byName["病棟"].Responses, byName["病棟"].Line.CountText, byName["病棟"].Line.Ratio));
        Assert.Equal((3, "15/30", 50.0m), (byName["外来"].Responses, byName["外来"].Line.CountText, byName["外来"].Line.Ratio));
        Assert.Equal(15.0m, byName["外来"].ResponseRate!.Ratio); // 3 of 20
        Assert.Equal(12.5m, byName["病棟"].ResponseRate!.Ratio); // 1 of 8
        Assert.Equal(66.7m, byName["外来"].Items[1].Ratio); // 2 of 3
        Assert.Equal(33.3m, byName["外来"].Items[6].Ratio);
        Assert.Equal(100.0m, byName["病棟"].Items[1].Ratio);
        Assert.Equal(0.0m, byName["病棟"].Items[2].Ratio);
        Assert.Equal(0, byName["手術部"].Responses);
        Assert.Null(byName["手術部"].Line.Ratio);

        // Job types: 医師 0/10 first, then 看護師 19/30.
        Assert.Equal(["医師", "看護師"], result.JobTypes.Take(2).Select(j => j.Name));
        Assert.Equal("0/10", result.JobTypes[0].Line.CountText);
        Assert.Equal(63.3m, result.JobTypes[1].Line.Ratio);
        Assert.Equal(33.3m, result.JobTypes[1].Items[6].Ratio); // R1 ○, R2 ×, R4 ×

        // The previous campaign: one sheet of 外来, all ○.
        Assert.Equal("前回", result.Previous!.Campaign.Title);
        Assert.Equal("100.0%", result.Previous.Total.RatioText);
        Assert.Equal(100.0m, byName["外来"].Previous!.Ratio);
        Assert.Null(byName["病棟"].Previous);
        Assert.Equal(100.0m, result.Items.Single(i => i.Item.Number == 6).Previous!.Ratio);
    }

    [Fact]
    public async Task A_department_manager_sees_only_their_department()
    {
        var (facility, campaign) = await AnsweredCampaignAsync();
        var manager = await App.AddUserAsync(Role.Staff, facility, "病棟 師長");
        var colleague = await App.AddUserAsync(Role.Staff, facility, "外来 職員");
        var ward = await CampaignSetup.DepartmentIdAsync(App, facility, "病棟");
        await CampaignSetup.WithAsync(App, async s =>
        {
            await s.GetRequiredService<DepartmentService>().AssignManagerAsync(Actor.System, ward, manager.Id, Ct);
            return 0;
        });

        var managerActor = await CampaignSetup.ActorAsync(App, manager);
        var result = await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignResults>().GetAsync(managerActor, campaign.Id, ct: Ct));

        Assert.True(result.OwnDepartmentsOnly);
        Assert.Equal(["病棟"], result.Departments.Select(d => d.Name));
        Assert.Equal(1, result.Responses);
        Assert.Equal("4/10", result.Total.CountText);
        Assert.Equal(100.0m, result.Items.Single(i => i.Item.Number == 1).Line.Ratio);
        Assert.Equal(0.0m, result.Items.Single(i => i.Item.Number == 2).Line.Ratio);
        Assert.Equal(["看護師"], result.JobTypes.Where(j => j.Responses > 0).Select(j => j.Name));
        Assert.Null(result.Previous!.Total.Ratio); // 病棟 had no sheet last time

        // Not a manager: the campaign does not exist for them, nor its detail page for the manager.
        var colleagueActor = await CampaignSetup.ActorAsync(App, colleague);
        await Assert.ThrowsAsync<NotFoundException>(() => CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignResults>().GetAsync(colleagueActor, campaign.Id, ct: Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignService>().GetAsync(managerActor, campaign.Id, Ct)));
    }
}

public sealed class SqliteCampaignResultTests(SqliteApp app) : CampaignResultTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCampaignResultTests(PostgresApp app) : CampaignResultTests(app), IClassFixture<PostgresApp>;
