using System.Net;
using Mamori.Accounts;
using Mamori.Campaigns;
using Mamori.Data;
using Mamori.Mail;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Campaigns;

/// <summary>Invitations by email (when a mail server is configured): queued in the database, sent by the outbox, retried after a failure.</summary>
public abstract class CampaignEmailTests(MamoriApp app, FakeSmtpServer smtp) : IntegrationTest(app)
{
    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = App.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for the outbox");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Invitations_reach_the_mail_server_with_each_persons_own_link_and_survive_an_outage()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "メール病院");
        var admin = await App.AddUserAsync(Role.Admin, facility);
        var campaign = await WithAsync(async s =>
        {
            var actor = await s.GetRequiredService<AccountService>().ActorAsync(admin.Id, Ct);
            var campaigns = s.GetRequiredService<CampaignService>();
            var c = await campaigns.CreateAsync(actor, facility, "mhlw-2021-10", "メール配布", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), anonymous: false, ct: Ct);
            await campaigns.AddPersonsAsync(actor, c.Id, "看護 一子, 病棟, 看護師, ichiko@example.jp\n看護 二子, 病棟, 看護師, futako@example.jp\n紙 三郎, 外来, 事務職", Ct);
            return c.Id;
        });
        var codes = await WithAsync(s => s.GetRequiredService<MamoriDbContext>().Set<CampaignLink>()
            .Where(l => l.CampaignId == campaign && l.PersonEmail != null).Select(l => l.Code).ToListAsync(Ct));

        // The relay is down: nothing is lost, the messages wait with the error.
        smtp.Refuse = true;
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);
        var page = await browser.GetAsync($"/campaigns/{campaign}");
        var sent = await browser.SubmitAsync(page, "form[action*='handler=Invite']");
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        await WaitForAsync(() => WithAsync(s => s.GetRequiredService<MamoriDbContext>().Set<MailMessage>()
            .CountAsync(m => m.Purpose == "campaign.invite" && m.Attempts > 0 && m.LastError != null, Ct).ContinueWith(t => t.Result == 2, TaskScheduler.Default)));

        // Back up: the retry (made due now rather than after its back-off) delivers both, each with its own link.
        smtp.Refuse = false;
        await WithAsync(s => s.GetRequiredService<MamoriDbContext>().Set<MailMessage>()
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NotBefore, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct));
        await WaitForAsync(() => Task.FromResult(smtp.Messages.Count >= 2));
        var all = string.Join("\n", smtp.Messages);
        Assert.All(codes, code => Assert.Contains($"/r/{code}", all, StringComparison.Ordinal));
        await WaitForAsync(() => WithAsync(s => s.GetRequiredService<MamoriDbContext>().Set<MailMessage>()
            .AllAsync(m => m.SentAt != null, Ct)));
        Assert.Contains(await WithAsync(s => s.GetRequiredService<MamoriDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.TargetId == campaign.ToString()).Select(e => e.Action).ToListAsync(Ct)), a => a == "campaign.invite");
    }
}

/// <summary>The app with a mail server configured (the fake one) and a quick outbox poll.</summary>
public abstract class MailingApp(Func<CancellationToken, Task<(TestDatabase?, string?)>> database) : MamoriApp
{
    public FakeSmtpServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:From"] = "mamori@hospital.example.jp",
        ["Smtp:Security"] = "None",
        ["Smtp:PollSeconds"] = "1",
    };

    protected override Task<(TestDatabase?, string?)> CreateDatabaseAsync(CancellationToken ct) => database(ct);
}

public sealed class MailingSqliteApp() : MailingApp(_ => SqliteDatabaseAsync());

public sealed class MailingPostgresApp() : MailingApp(PostgresDatabaseAsync);

public sealed class SqliteCampaignEmailTests(MailingSqliteApp app) : CampaignEmailTests(app, app.Smtp), IClassFixture<MailingSqliteApp>;

public sealed class PostgresCampaignEmailTests(MailingPostgresApp app) : CampaignEmailTests(app, app.Smtp), IClassFixture<MailingPostgresApp>;
