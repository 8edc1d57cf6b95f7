using Mamori.Accounts;
using Mamori.Tests.Campaigns;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Incidents;

/// <summary>With a mail server configured, a staff member's anomaly report reaches the facility's safety manager by email (1-3 → 1-4).</summary>
public abstract class IncidentEmailTests(MamoriApp app, FakeSmtpServer smtp) : IntegrationTest(app)
{
    [Fact]
    public async Task A_staff_report_is_emailed_to_the_facilitys_administrators_and_not_to_others()
    {
        var root = await App.AdminApiAsync();
        var facility = await root.CreateFacilityAsync(name: "通報病院");
        var other = await root.CreateFacilityAsync(name: "無関係病院");
        var admin = await App.AddUserAsync(Role.Admin, facility, "安全 管理者");
        var otherAdmin = await App.AddUserAsync(Role.Admin, other, "他院 管理者");
        var nurse = await App.AddUserAsync(Role.Staff, facility, "病棟 看護師");
        using var nurseApi = await App.ApiClientAsync(nurse);

        var title = $"ナースステーションの端末に脅迫文 {Guid.NewGuid():N}";
        await nurseApi.CreateIncidentAsync(facility, title);

        var until = DateTime.UtcNow.AddSeconds(30);
        string? mail = null;
        while (mail is null)
        {
            Assert.True(DateTime.UtcNow < until, "no email reached the mail server");
            mail = smtp.Messages.FirstOrDefault(m => m.Contains(admin.Email, StringComparison.Ordinal));
            await Task.Delay(200, Ct);
        }
        Assert.DoesNotContain(smtp.Messages, m => m.Contains(otherAdmin.Email, StringComparison.Ordinal));
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail));
        var message = await MimeKit.MimeMessage.LoadAsync(raw, Ct);
        Assert.Contains("通報病院", message.Subject, StringComparison.Ordinal);
        Assert.Contains(title, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("病棟 看護師", message.TextBody, StringComparison.Ordinal);
    }
}

public sealed class SqliteIncidentEmailTests(MailingSqliteApp app) : IncidentEmailTests(app, app.Smtp), IClassFixture<MailingSqliteApp>;

public sealed class PostgresIncidentEmailTests(MailingPostgresApp app) : IncidentEmailTests(app, app.Smtp), IClassFixture<MailingPostgresApp>;
