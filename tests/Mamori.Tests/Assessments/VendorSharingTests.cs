using System.Net;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Assessments;

/// <summary>A vendor account (事業者) sees only the rounds its facility's administrator shared with it, read-only.</summary>
public abstract class VendorSharingTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_shared_round_is_readable_by_that_vendor_only_until_the_share_is_withdrawn()
    {
        var root = await App.AdminApiAsync();
        var facility = await root.CreateFacilityAsync(name: "共有病院");
        var round = await root.CreateAssessmentAsync(facility, "sysadmin");
        var other = await root.CreateAssessmentAsync(facility, "sysadmin", date: "2025-06-01");
        await root.PutAnswerAsync(round, 1, "no").ExpectAsync(HttpStatusCode.NoContent);
        var admin = await App.AddUserAsync(Role.Admin, facility);
        var vendor = await App.AddUserAsync(Role.Vendor, facility, "電子カルテ 保守");
        var otherVendor = await App.AddUserAsync(Role.Vendor, await root.CreateFacilityAsync(name: "別病院"), "別 業者");
        using var vendorApi = await App.ApiClientAsync(vendor);
        using var vendorPages = new Browser(App.CreateClient());
        await vendorPages.SignInAsync(vendor);

        Assert.Equal(HttpStatusCode.NotFound, (await vendorPages.GetAsync($"/assessments/{round}/result")).Status);

        using var adminPages = new Browser(App.CreateClient());
        await adminPages.SignInAsync(admin);
        var result = await adminPages.GetAsync($"/assessments/{round}/result");
        var shareForm = $"form[action*='handler=Share']:has(input[value='{vendor.Id}'])";
        Assert.Null(result.Document.QuerySelector($"form:has(input[value='{otherVendor.Id}'])"));
        Assert.Equal(HttpStatusCode.Redirect, (await adminPages.SubmitAsync(result, shareForm)).Status);

        // Readable in the page and the API, listed on the vendor's home page; nothing else of the facility is.
        var seen = await vendorPages.GetAsync($"/assessments/{round}/result");
        Assert.Equal(HttpStatusCode.OK, seen.Status);
        var form = await vendorPages.GetAsync($"/assessments/{round}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.All(form.Document.QuerySelectorAll("fieldset.answer"), f => Assert.True(f.HasAttribute("disabled")));
        Assert.Contains($"/assessments/{round}/result", (await vendorPages.GetAsync("/")).Document.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await vendorApi.GetAsync($"/api/v1/assessments/{round}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vendorApi.GetAsync($"/api/v1/assessments/{other}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vendorApi.GetAsync($"/api/v1/facilities/{facility}", Ct)).StatusCode);
        // Never writable.
        var write = await vendorApi.PutAnswerAsync(round, 1, "yes");
        Assert.True(write.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{write.StatusCode}");

        using (var scope = App.Services.CreateScope())
        {
            var log = await scope.ServiceProvider.GetRequiredService<MamoriDbContext>().AuditEntries.AsNoTracking()
                .Where(e => e.TargetId == round.ToString()).ToListAsync(Ct);
            Assert.Contains(log, e => e.Action == "assessment.share" && e.UserId == admin.Id);
            Assert.Contains(log, e => e.Action == "assessment.view" && e.UserId == vendor.Id && e.Vendor);
        }

        var shared = await adminPages.GetAsync($"/assessments/{round}/result");
        Assert.Equal(HttpStatusCode.Redirect, (await adminPages.SubmitAsync(shared, $"form[action*='handler=Unshare']:has(input[value='{vendor.Id}'])")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await vendorPages.GetAsync($"/assessments/{round}/result")).Status);
    }

    [Fact]
    public async Task Only_the_facilitys_administrator_shares_and_only_with_its_own_vendors()
    {
        var root = await App.AdminApiAsync();
        var facility = await root.CreateFacilityAsync(name: "共有不可病院");
        var round = await root.CreateAssessmentAsync(facility, "sysadmin");
        var executive = await App.AddUserAsync(Role.Executive, facility);
        var outsider = await App.AddUserAsync(Role.Vendor, await root.CreateFacilityAsync(name: "外部病院"));
        using var scope = App.Services.CreateScope();
        var sharing = scope.ServiceProvider.GetRequiredService<Mamori.Assessments.AssessmentSharing>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var executiveActor = await accounts.ActorAsync(executive.Id, Ct);
        await Assert.ThrowsAsync<Mamori.Common.ForbiddenException>(() => sharing.ShareAsync(executiveActor, round, outsider.Id, Ct));
        await Assert.ThrowsAsync<Mamori.Common.InvalidInputException>(() => sharing.ShareAsync(Actor.System, round, outsider.Id, Ct));
    }
}

public sealed class SqliteVendorSharingTests(SqliteApp app) : VendorSharingTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresVendorSharingTests(PostgresApp app) : VendorSharingTests(app), IClassFixture<PostgresApp>;
