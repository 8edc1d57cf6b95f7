using System.Net;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Security;

/// <summary>非常時アカウント (items 45–46): disabled until an admin enables it with a reason; each use flagged until reviewed.</summary>
public abstract class EmergencyAccountTests(MamoriApp app) : IntegrationTest(app)
{
    private const string Banner = "非常時アカウントが使用されました";

    [Fact]
    public async Task An_emergency_account_needs_enabling_and_its_use_is_flagged_until_acknowledged()
    {
        var email = $"emergency-{Guid.NewGuid():N}@example.jp";
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<EmergencyAccounts>().CreateAsync(Actor.System, email, "非常 用", null, MamoriApp.Password, Ct);
        }
        var emergencyUser = new TestUser(Guid.Empty, email, "非常 用");

        using var attempt = new Browser(App.CreateClient());
        var refused = await attempt.SubmitAsync(await attempt.GetAsync("/login"), "form", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = MamoriApp.Password });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);

        var admin = await App.AddUserAsync(Role.Admin, name: "全体 管理");
        using var adminBrowser = new Browser(App.CreateClient());
        await adminBrowser.SignInAsync(admin);
        var page = await adminBrowser.GetAsync("/emergency");
        Assert.Contains(email, page.Text("table"), StringComparison.Ordinal);
        var noReason = await adminBrowser.SubmitAsync(page, "form[action*=Enable]", new Dictionary<string, string?> { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        var enabled = await adminBrowser.SubmitAsync(page, "form[action*=Enable]", new Dictionary<string, string?> { ["reason"] = "電子カルテ障害で通常アカウントが使えないため" });
        Assert.Equal(HttpStatusCode.Redirect, enabled.Status);
        Assert.DoesNotContain(Banner, (await adminBrowser.GetAsync("/")).Document.Body?.TextContent, StringComparison.Ordinal);

        using var emergencyBrowser = new Browser(App.CreateClient());
        await emergencyBrowser.SignInAsync(emergencyUser);

        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "非常時確認病院");
        var executive = await App.AddUserAsync(Role.Executive, facility, "経営 確認");
        var staff = await App.AddUserAsync(Role.Staff, facility, "職員 通常");
        using var executiveBrowser = new Browser(App.CreateClient());
        await executiveBrowser.SignInAsync(executive);
        using var staffBrowser = new Browser(App.CreateClient());
        await staffBrowser.SignInAsync(staff);
        Assert.Contains(Banner, (await adminBrowser.GetAsync("/")).Document.Body?.TextContent, StringComparison.Ordinal);
        Assert.Contains(Banner, (await executiveBrowser.GetAsync("/")).Document.Body?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Banner, (await staffBrowser.GetAsync("/")).Document.Body?.TextContent, StringComparison.Ordinal);

        var review = await executiveBrowser.GetAsync("/emergency");
        var acknowledged = await executiveBrowser.SubmitAsync(review, "form[action*=Acknowledge]", new Dictionary<string, string?> { ["note"] = "情報システム部の山田が障害対応で使用" });
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.Status);
        Assert.DoesNotContain(Banner, (await adminBrowser.GetAsync("/")).Document.Body?.TextContent, StringComparison.Ordinal);

        // Switched off again: its open session ends.
        var disabled = await adminBrowser.SubmitAsync(await adminBrowser.GetAsync("/emergency"), "form[action*=Disable]");
        Assert.Equal(HttpStatusCode.Redirect, disabled.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await emergencyBrowser.GetAsync("/")).Status);

        using var scope2 = App.Services.CreateScope();
        var actions = await scope2.ServiceProvider.GetRequiredService<MamoriDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action.StartsWith("emergency.") || e.Action == "sign-in.disabled").Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(["emergency.create", "sign-in.disabled", "emergency.enable", "emergency.sign-in", "emergency.acknowledge", "emergency.disable"], actions);
    }
}

public sealed class SqliteEmergencyAccountTests(SqliteApp app) : EmergencyAccountTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresEmergencyAccountTests(PostgresApp app) : EmergencyAccountTests(app), IClassFixture<PostgresApp>;
