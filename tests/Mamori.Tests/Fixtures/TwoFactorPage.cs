using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Fixtures;

/// <summary>Setting up the authenticator on /account/two-factor as a person does: type the shown key into the app, enter its code.</summary>
public static class TwoFactorPage
{
    public static async Task<(TestAuthenticator Authenticator, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(this Browser browser, MamoriApp app)
    {
        var page = await browser.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var key = page.Text(".secret-key")
            ?? throw new InvalidOperationException("The two-factor page shows no key: " + page.Document.Body?.TextContent);
        var authenticator = new TestAuthenticator(key, app.Services.GetRequiredService<TimeProvider>());
        var done = await browser.SubmitAsync(page, "form[action*='handler=Confirm']", new Dictionary<string, string?> { ["Code"] = await authenticator.NextCodeAsync() });
        Assert.True(done.Status == HttpStatusCode.OK, $"enrolment failed: {(int)done.Status} {done.Location} {done.Text(".error")}");
        var codes = done.Document.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        return (authenticator, codes);
    }
}
