using System.Net;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Accounts;

/// <summary>Two-factor authentication (item 23): the authenticator's code at sign-in, recovery codes, and who must use it.</summary>
public abstract class TwoFactorTests(MamoriApp app) : IntegrationTest(app)
{
    private static Dictionary<string, string?> Credentials(TestUser user) => new() { ["Email"] = user.Email, ["Password"] = MamoriApp.Password };

    private static async Task<HtmlPage> PasswordStepAsync(Browser browser, TestUser user)
    {
        var after = await browser.SubmitAsync(await browser.GetAsync("/login"), "form", Credentials(user));
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/login/two-factor", after.Location?.OriginalString, StringComparison.Ordinal);
        return await browser.GetAsync(after.Location!.OriginalString);
    }

    private async Task<List<AuditEntry>> LogOfAsync(Guid userId)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MamoriDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.TargetId == userId.ToString()).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task An_administrator_needs_the_authenticator_code_after_the_password()
    {
        var admin = await App.AddUserAsync(Role.Admin, name: "二段 確認");
        using var browser = new Browser(App.CreateClient());
        var second = await PasswordStepAsync(browser, admin);

        // The password alone opens nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);

        var wrong = await browser.SubmitAsync(second, "form", new Dictionary<string, string?> { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("確認コードが正しくありません", wrong.Text(".error"), StringComparison.Ordinal);

        var right = await browser.SubmitAsync(wrong, "form", new Dictionary<string, string?> { ["Code"] = await admin.Authenticator!.NextCodeAsync() });
        Assert.Equal(HttpStatusCode.Redirect, right.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);

        var log = await LogOfAsync(admin.Id);
        Assert.Contains(log, e => e.Action == "sign-in.password-accepted");
        Assert.Contains(log, e => e.Action == "sign-in.two-factor-failed" && e.Result == AuditResult.Failure);
        Assert.Contains(log, e => e.Action == "sign-in" && e.Detail == "two-factor");
    }

    [Fact]
    public async Task A_code_is_accepted_only_once()
    {
        var admin = await App.AddUserAsync(Role.Admin);
        using var first = new Browser(App.CreateClient());
        using var thief = new Browser(App.CreateClient());
        var firstPage = await PasswordStepAsync(first, admin);
        var thiefPage = await PasswordStepAsync(thief, admin);
        // Taken after the two password steps, which on a loaded machine can outlast a code's 30 seconds.
        var code = await admin.Authenticator!.NextCodeAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(firstPage, "form", new Dictionary<string, string?> { ["Code"] = code })).Status);
        var replay = await thief.SubmitAsync(thiefPage, "form", new Dictionary<string, string?> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var staff = await App.AddUserAsync(Role.Staff, await (await App.AdminApiAsync()).CreateFacilityAsync(), twoFactor: false);
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(staff);
        var (authenticator, codes) = await browser.EnrolAsync(App);
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());

        using var phoneLost = new Browser(App.CreateClient());
        var second = await PasswordStepAsync(phoneLost, staff with { Authenticator = authenticator });
        var recovered = await phoneLost.SubmitAsync(second, "form", new Dictionary<string, string?> { ["RecoveryCode"] = codes[3].ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, recovered.Status);

        using var again = new Browser(App.CreateClient());
        var reused = await again.SubmitAsync(await PasswordStepAsync(again, staff), "form", new Dictionary<string, string?> { ["RecoveryCode"] = codes[3] });
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Contains(await LogOfAsync(staff.Id), e => e.Action == "sign-in.recovery-code");

        // Kept only as hashes (item 24) and the authenticator key only encrypted.
        using var scope = App.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<MamoriDbContext>().UserTokens.AsNoTracking()
            .Where(t => t.UserId == staff.Id).Select(t => t.Value).ToListAsync(Ct);
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, v => codes.Any(c => v!.Contains(c, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(stored, v => v == authenticator.Key);
    }

    [Fact]
    public async Task An_administrator_without_two_factor_can_do_nothing_before_setting_it_up()
    {
        var admin = await App.AddUserAsync(Role.Admin, twoFactor: false);
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);

        foreach (var path in new[] { "/", "/catalog", "/account/tokens", "/admin/access-log" })
        {
            var held = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, held.Status);
            Assert.Equal("/account/two-factor", held.Location?.OriginalString);
        }
        var page = await browser.GetAsync("/account/two-factor");
        Assert.NotNull(page.Document.QuerySelector("svg.qr-code[role=img]"));
        var wrong = await browser.SubmitAsync(page, "form[action*='handler=Confirm']", new Dictionary<string, string?> { ["Code"] = "123456" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("確認コードが正しくありません", wrong.Text(".error"), StringComparison.Ordinal);

        await browser.EnrolAsync(App);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        Assert.Contains(await LogOfAsync(admin.Id), e => e.Action == "two-factor.enable");

        // Required for the role: it cannot be switched off.
        var enabled = await browser.GetAsync("/account/two-factor");
        Assert.Null(enabled.Document.QuerySelector("form[action*='handler=Disable']"));
    }

    [Fact]
    public async Task Staff_may_switch_it_off_with_their_password_and_the_facility_can_require_it()
    {
        var admin = await App.AdminApiAsync();
        var facility = await admin.CreateFacilityAsync();
        var staff = await App.AddUserAsync(Role.Staff, facility, twoFactor: false);
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(staff);
        await browser.EnrolAsync(App);

        var page = await browser.GetAsync("/account/two-factor");
        var refused = await browser.SubmitAsync(page, "form[action*='handler=Disable']", new Dictionary<string, string?> { ["Password"] = "wrong-password-1!" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var off = await browser.SubmitAsync(page, "form[action*='handler=Disable']", new Dictionary<string, string?> { ["Password"] = MamoriApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, off.Status);
        Assert.Contains(await LogOfAsync(staff.Id), e => e.Action == "two-factor.disable");

        // The facility now requires it of staff: the next request (stamp checked every request in tests) is held.
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SecurityPolicies>()
                .SaveAsync(Actor.System, facility, PasswordRule.Long, [Role.Admin, Role.Staff], null, Ct);
        }
        using var next = new Browser(App.CreateClient());
        await next.SignInAsync(staff);
        var held = await next.GetAsync("/");
        Assert.Equal("/account/two-factor", held.Location?.OriginalString);
    }
}

public sealed class SqliteTwoFactorTests(SqliteApp app) : TwoFactorTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTwoFactorTests(PostgresApp app) : TwoFactorTests(app), IClassFixture<PostgresApp>;
