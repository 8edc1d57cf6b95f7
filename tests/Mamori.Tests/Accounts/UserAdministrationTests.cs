using System.Net;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Accounts;

/// <summary>Administrators manage people (item 15), reset passwords with the identity check on record (item 25).</summary>
public abstract class UserAdministrationTests(MamoriApp app) : IntegrationTest(app)
{
    private async Task<List<AuditEntry>> LogAsync(string action)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MamoriDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    private async Task<Browser> SignedInAsync(TestUser user)
    {
        var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(user);
        return browser;
    }

    [Fact]
    public async Task A_person_added_by_an_administrator_replaces_the_first_password_before_anything_else()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "追加病院");
        var admin = await App.AddUserAsync(Role.Admin, facility);
        using var browser = await SignedInAsync(admin);
        var form = await browser.GetAsync("/admin/users/new");
        var email = $"new-{Guid.NewGuid():N}@example.jp";
        var created = await browser.SubmitAsync(form, "main form", new Dictionary<string, string?>
        {
            ["Name"] = "新人 看護師", ["Email"] = email, ["Role"] = "staff", ["FacilityId"] = facility.ToString(), ["Password"] = "First-pass-2026-abc!",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);

        using var newcomer = new Browser(App.CreateClient());
        await newcomer.SignInAsync(new TestUser(Guid.Empty, email, "新人 看護師"), "First-pass-2026-abc!");
        var held = await newcomer.GetAsync("/");
        Assert.Equal("/account/password", held.Location?.OriginalString);
        var page = await newcomer.GetAsync("/account/password");
        var changed = await newcomer.SubmitAsync(page, "main form", new Dictionary<string, string?>
        {
            ["Current"] = "First-pass-2026-abc!", ["New"] = "Own-choice-2026-xyz!", ["Confirmation"] = "Own-choice-2026-xyz!",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/")).Status);
        Assert.Contains(await LogAsync("user.create"), e => e.UserId == admin.Id && e.Detail!.Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Role_changes_need_the_administrators_password_and_are_logged()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "異動病院");
        var admin = await App.AddUserAsync(Role.Admin, facility);
        var nurse = await App.AddUserAsync(Role.Staff, facility, "異動 看護師");
        using var browser = await SignedInAsync(admin);
        var page = await browser.GetAsync($"/admin/users/{nurse.Id}");
        Assert.Contains("異動 看護師", page.Text("h1"), StringComparison.Ordinal);

        var refused = await browser.SubmitAsync(page, "form[action*='handler=AddRole']", new Dictionary<string, string?>
        {
            ["Role"] = "executive", ["FacilityId"] = facility.ToString(), ["AdminPassword"] = "not-my-password-1!",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("パスワードが正しくありません", refused.Text(".error"), StringComparison.Ordinal);

        var added = await browser.SubmitAsync(page, "form[action*='handler=AddRole']", new Dictionary<string, string?>
        {
            ["Role"] = "executive", ["FacilityId"] = facility.ToString(), ["AdminPassword"] = MamoriApp.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var entry = Assert.Single(await LogAsync("role.add"), e => e.TargetId == nurse.Id.ToString());
        Assert.Equal(admin.Id, entry.UserId);
        Assert.StartsWith("executive", entry.Detail, StringComparison.Ordinal);

        var withRole = await browser.GetAsync($"/admin/users/{nurse.Id}");
        var removeForm = withRole.Document.QuerySelectorAll("form[action*='handler=RemoveRole']").Count;
        Assert.Equal(2, removeForm);
    }

    [Fact]
    public async Task A_reset_records_how_identity_was_confirmed_and_forces_a_new_password()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "リセット病院");
        var admin = await App.AddUserAsync(Role.Admin, facility);
        var clerk = await App.AddUserAsync(Role.Staff, facility, "忘れ 事務");
        using var browser = await SignedInAsync(admin);
        var page = await browser.GetAsync($"/admin/users/{clerk.Id}");

        var withoutCheck = await browser.SubmitAsync(page, "form[action*='handler=ResetPassword']", new Dictionary<string, string?>
        {
            ["TemporaryPassword"] = "Temporary-2026-pass!", ["AdminPassword"] = MamoriApp.Password, ["CheckNote"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, withoutCheck.Status);

        var reset = await browser.SubmitAsync(page, "form[action*='handler=ResetPassword']", new Dictionary<string, string?>
        {
            ["Check"] = nameof(IdentityCheck.InPersonWithId), ["CheckNote"] = "医事課窓口で職員証を確認 11/24 10:05",
            ["TemporaryPassword"] = "Temporary-2026-pass!", ["AdminPassword"] = MamoriApp.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.Status);
        var entry = Assert.Single(await LogAsync("password.reset"), e => e.TargetId == clerk.Id.ToString());
        Assert.Contains("対面で身分証", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("職員証を確認", entry.Detail, StringComparison.Ordinal);

        using var old = new Browser(App.CreateClient());
        var oldPassword = await old.SubmitAsync(await old.GetAsync("/login"), "form", new Dictionary<string, string?> { ["Email"] = clerk.Email, ["Password"] = MamoriApp.Password });
        Assert.Equal(HttpStatusCode.BadRequest, oldPassword.Status);
        using var clerkBrowser = new Browser(App.CreateClient());
        await clerkBrowser.SignInAsync(clerk, "Temporary-2026-pass!");
        Assert.Equal("/account/password", (await clerkBrowser.GetAsync("/")).Location?.OriginalString);
    }

    [Fact]
    public async Task A_facility_administrator_cannot_take_over_an_installation_administrator_or_another_hospitals_people()
    {
        var api = await App.AdminApiAsync();
        var mine = await api.CreateFacilityAsync(name: "自院");
        var theirs = await api.CreateFacilityAsync(name: "他院");
        var admin = await App.AddUserAsync(Role.Admin, mine);
        var root = await App.AddUserAsync(Role.Admin, name: "全体 管理者");
        var stranger = await App.AddUserAsync(Role.Staff, theirs, "他院 職員");
        using var browser = await SignedInAsync(admin);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/admin/users/{root.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/admin/users/{stranger.Id}")).Status);
        var list = await browser.GetAsync("/admin/users");
        Assert.DoesNotContain("他院 職員", list.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("全体 管理者", list.Document.Body!.TextContent, StringComparison.Ordinal);

        // A forged post adding a role in the administrator's own facility to someone not theirs: refused as if they
        // did not exist, and nothing changes (neither is signed out, neither appears in this administrator's list).
        foreach (var victim in new[] { root, stranger })
        {
            var own = await browser.GetAsync($"/admin/users/{admin.Id}");
            foreach (var handler in new[] { "AddRole", "RemoveRole" })
            {
                var form = own.Document.QuerySelector($"form[action*='handler={handler}']")!;
                form.SetAttribute("action", form.GetAttribute("action")!.Replace(admin.Id.ToString(), victim.Id.ToString(), StringComparison.OrdinalIgnoreCase));
                var forged = await browser.SubmitAsync(own, $"form[action*='handler={handler}']", new Dictionary<string, string?>
                {
                    ["Role"] = "executive", ["FacilityId"] = mine.ToString(), ["AdminPassword"] = MamoriApp.Password,
                });
                Assert.Equal(HttpStatusCode.NotFound, forged.Status);
            }
        }
        Assert.DoesNotContain(await LogAsync("role.add"), e => e.TargetId == root.Id.ToString() || e.TargetId == stranger.Id.ToString());
        Assert.DoesNotContain(await LogAsync("role.remove"), e => e.TargetId == root.Id.ToString() || e.TargetId == stranger.Id.ToString());
        Assert.DoesNotContain("他院 職員", (await browser.GetAsync("/admin/users")).Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_is_signed_out_at_once()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "退職病院");
        var admin = await App.AddUserAsync(Role.Admin, facility);
        var leaver = await App.AddUserAsync(Role.Staff, facility, "退職 予定");
        using var leaverBrowser = await SignedInAsync(leaver);
        using var browser = await SignedInAsync(admin);
        var page = await browser.GetAsync($"/admin/users/{leaver.Id}");
        var done = await browser.SubmitAsync(page, "form[action*='handler=Disable']", new Dictionary<string, string?> { ["AdminPassword"] = MamoriApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.StartsWith("/login", (await leaverBrowser.GetAsync("/")).Location?.AbsolutePath ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_eight_character_rule_applies_only_with_two_factor_where_the_facility_chose_it()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "八文字病院");
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SecurityPolicies>()
                .SaveAsync(Actor.System, facility, PasswordRule.ShortWithTwoFactor, [Role.Admin], null, Ct);
        }
        var without = await App.AddUserAsync(Role.Staff, facility, twoFactor: false);
        var with = await App.AddUserAsync(Role.Staff, facility, twoFactor: true);

        async Task<HtmlPage> ChangeAsync(TestUser user)
        {
            using var browser = await SignedInAsync(user);
            return await browser.SubmitAsync(await browser.GetAsync("/account/password"), "main form", new Dictionary<string, string?>
            {
                ["Current"] = MamoriApp.Password, ["New"] = "Kx7#mQ2v", ["Confirmation"] = "Kx7#mQ2v",
            });
        }

        var refused = await ChangeAsync(without);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("13文字以上", refused.Text(".error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(with)).Status);

        // Back to the 13-character rule: the short password must be replaced at the next request.
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SecurityPolicies>()
                .SaveAsync(Actor.System, facility, PasswordRule.Long, [Role.Admin], null, Ct);
        }
        using var again = new Browser(App.CreateClient());
        await again.SignInAsync(with, "Kx7#mQ2v");
        Assert.Equal("/account/password", (await again.GetAsync("/")).Location?.OriginalString);
    }
}

public sealed class SqliteUserAdministrationTests(SqliteApp app) : UserAdministrationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresUserAdministrationTests(PostgresApp app) : UserAdministrationTests(app), IClassFixture<PostgresApp>;
