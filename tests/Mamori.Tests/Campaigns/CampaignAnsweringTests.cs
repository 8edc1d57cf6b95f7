using Mamori.Accounts;
using Mamori.Campaigns;
using Mamori.Common;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Campaigns;

/// <summary>The rules of answering, through the service: period, one response per person link, complete sheets.</summary>
public abstract class CampaignAnsweringTests(MamoriApp app) : IntegrationTest(app)
{
    private const string AllYes = "○○○○○○○○○○";

    [Fact]
    public async Task A_closed_campaign_refuses_responses_with_gone_and_one_not_yet_open_with_conflict()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync();
        var closed = await CampaignSetup.NewAsync(App, facility, opensAt: DateTimeOffset.UtcNow.AddDays(-10), closesAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var future = await CampaignSetup.NewAsync(App, facility, opensAt: DateTimeOffset.UtcNow.AddDays(1), closesAt: DateTimeOffset.UtcNow.AddDays(10));

        var gone = await Assert.ThrowsAsync<GoneException>(async () => await CampaignSetup.SubmitAsync(App, await CampaignSetup.CodeAsync(App, closed.Id, "外来"), AllYes));
        Assert.Contains("終了", gone.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(async () => await CampaignSetup.SubmitAsync(App, await CampaignSetup.CodeAsync(App, future.Id, "外来"), AllYes));
        var result = await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignResults>().GetAsync(Actor.System, closed.Id, ct: Ct));
        Assert.Equal(0, result.Responses);
    }

    [Fact]
    public async Task A_person_link_takes_one_response_and_refuses_the_second()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync();
        var campaign = await CampaignSetup.NewAsync(App, facility, anonymous: false);
        await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignService>().AddPersonsAsync(Actor.System, campaign.Id, "山田 花子, 病棟, 看護師\n佐藤 一郎\t外来\t医師\tsato@example.jp", Ct));
        var (_, persons) = await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignService>().PersonLinksAsync(Actor.System, campaign.Id, "test", Ct));
        var hanako = persons.Single(p => p.Name == "山田 花子");

        await CampaignSetup.SubmitAsync(App, hanako.Code, AllYes, jobType: null);
        await Assert.ThrowsAsync<ConflictException>(() => CampaignSetup.SubmitAsync(App, hanako.Code, AllYes, jobType: null));

        var (_, after) = await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignService>().PersonLinksAsync(Actor.System, campaign.Id, "test", Ct));
        Assert.NotNull(after.Single(p => p.Name == "山田 花子").UsedAt);
        Assert.Null(after.Single(p => p.Name == "佐藤 一郎").UsedAt);
        Assert.Equal("sato@example.jp", after.Single(p => p.Name == "佐藤 一郎").Email);
        var result = await CampaignSetup.WithAsync(App, s => s.GetRequiredService<CampaignResults>().GetAsync(Actor.System, campaign.Id, ct: Ct));
        Assert.Equal(1, result.Responses);
        // The person's own department and job type came from the link.
        Assert.Equal(1, result.Departments.Single(d => d.Name == "病棟").Responses);
        Assert.Equal(1, result.JobTypes.Single(j => j.Name == "看護師").Responses);
    }

    [Fact]
    public async Task Incomplete_or_wrong_sheets_are_refused_with_a_japanese_message()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync();
        var named = await CampaignSetup.NewAsync(App, facility, anonymous: false);
        var code = await CampaignSetup.CodeAsync(App, named.Id, "外来");

        var missing = await Assert.ThrowsAsync<InvalidInputException>(() => CampaignSetup.SubmitAsync(App, code, "○○○○○○○○○", respondent: "山田"));
        Assert.Contains("項目10", missing.Message, StringComparison.Ordinal);
        var noName = await Assert.ThrowsAsync<InvalidInputException>(() => CampaignSetup.SubmitAsync(App, code, AllYes));
        Assert.Equal("respondent", noName.Field);
        var badJob = await Assert.ThrowsAsync<InvalidInputException>(() => CampaignSetup.SubmitAsync(App, code, AllYes, jobType: "宇宙飛行士", respondent: "山田"));
        Assert.Equal("jobType", badJob.Field);
        await Assert.ThrowsAsync<NotFoundException>(() => CampaignSetup.SubmitAsync(App, "zzzzzzzzzzzzzzzzzzzz", AllYes));

        // The general link has no department of its own: it must be chosen.
        var general = await CampaignSetup.CodeAsync(App, named.Id);
        var noDepartment = await Assert.ThrowsAsync<InvalidInputException>(() => CampaignSetup.SubmitAsync(App, general, AllYes, respondent: "山田"));
        Assert.Equal("department", noDepartment.Field);
        var ok = await CampaignSetup.SubmitAsync(App, general, "×○○○○○○○○×", department: "薬剤部", respondent: "山田");
        Assert.Equal([1, 10], ok.WeakItems.Select(i => i.Number));
        Assert.All(ok.WeakItems, i => Assert.False(string.IsNullOrWhiteSpace(i.Guidance)));
    }
}

public sealed class SqliteCampaignAnsweringTests(SqliteApp app) : CampaignAnsweringTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCampaignAnsweringTests(PostgresApp app) : CampaignAnsweringTests(app), IClassFixture<PostgresApp>;
