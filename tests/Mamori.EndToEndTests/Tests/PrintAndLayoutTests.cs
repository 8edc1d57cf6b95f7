using System.Text.RegularExpressions;
using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>
/// Issue 15, print and layout, in Chromium: what a page shows on screen and on A4, the icon and the 404 page, and that
/// no page breaks its own Content-Security-Policy.
/// </summary>
public sealed partial class PrintAndLayoutTests(MamoriApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Console errors and CSP violations of a page, collected from before it loads.</summary>
    private static List<string> WatchErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add($"{page.Url}: {m.Text}");
            }
        };
        page.PageError += (_, e) => errors.Add($"{page.Url}: {e}");
        return errors;
    }

    [Fact]
    public async Task Form_pages_log_no_console_error_and_no_content_security_policy_violation()
    {
        await app.EnsureAdminAsync();
        var errors = new List<string>();
        var visited = new List<string>();
        async Task VisitAsync(IPage page, string path)
        {
            // The browser reports a CSP violation as a console error and as this event; both are caught.
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.Load);
            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
            errors.AddRange(violations.Select(v => $"{path}: {v}"));
            visited.Add(path);
        }
        const string Collect = "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

        await using (var signedOut = await app.NewContextAsync())
        {
            await signedOut.AddInitScriptAsync(Collect);
            var page = await signedOut.NewPageAsync();
            var pageErrors = WatchErrors(page);
            await VisitAsync(page, "/login");
            await VisitAsync(page, app.Server.SetupUrl);
            // The used setup code answers 404 on purpose; Chromium reports that status of the page itself.
            errors.AddRange(pageErrors.Where(e => !(e.Contains("/setup?code=", StringComparison.Ordinal) && e.Contains("404", StringComparison.Ordinal))));
        }

        var (context, signedIn) = await app.SignedInAsync();
        await using var _ = context;
        await context.AddInitScriptAsync(Collect);
        var facility = await FacilityPage.CreateAsync(signedIn, Names.Facility("CSP確認病院"), "病院", onlineQualification: false);
        var watched = WatchErrors(signedIn);
        foreach (var path in new[]
        {
            "/", "/facilities/new", $"/facilities/{facility.Id}", $"/facilities/{facility.Id}/edit", $"/facilities/{facility.Id}/assessments/new",
            $"/facilities/{facility.Id}/campaigns", $"/facilities/{facility.Id}/campaigns/setup", $"/incidents/new?facilityId={facility.Id}",
            $"/facilities/{facility.Id}/contacts", $"/facilities/{facility.Id}/preparedness", $"/facilities/{facility.Id}/vendors", "/incidents", "/account", "/account/password",
            "/account/two-factor", "/account/tokens", "/admin/users", "/admin/users/new", "/admin/security", "/admin/public-address", "/admin/access-log",
            "/catalog", "/no-such-page",
        })
        {
            await VisitAsync(signedIn, path);
        }
        // The one expected message: Chromium reports the 404 status of the unknown page itself.
        errors.AddRange(watched.Where(e => !(e.Contains("no-such-page", StringComparison.Ordinal) && e.Contains("404", StringComparison.Ordinal))));
        Assert.True(errors.Count == 0, $"Console errors or CSP violations on {visited.Count} pages:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task An_unknown_address_or_id_shows_the_404_page_with_the_header_in_the_UIs_language()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("header.site-header nav")).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("見つかりません。");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "トップページへ戻る" })).ToHaveAttributeAsync("href", "/");
        await Artifacts.ScreenshotAsync(page, "404-ja");

        response = await page.GotoAsync($"/facilities/{Guid.NewGuid()}");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("header.site-header nav")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "インシデント", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/culture?lang=en&returnUrl=%2F");
        response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not found.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the top page" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "404-en");

        // Signed out, an unknown address is like any other: sign in first (nothing tells which addresses exist).
        await using var signedOut = await app.NewContextAsync();
        var anonymous = await signedOut.NewPageAsync();
        await anonymous.GotoAsync("/no-such-page");
        Assert.Equal("/login", anonymous.Path());
        await Expect(anonymous.Locator("header.site-header")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_favicon_is_served_and_every_page_links_to_it()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var ico = await context.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, ico.Status);
        Assert.Equal("image/x-icon", ico.Headers["content-type"]);
        await page.GotoAsync("/login");
        var icons = await page.Locator("link[rel=icon]").EvaluateAllAsync<string[]>("links => links.map(l => l.href)");
        Assert.NotEmpty(icons);
        foreach (var href in icons)
        {
            Assert.Equal(200, (await context.APIRequest.GetAsync(href)).Status);
        }
        var (signedInContext, signedIn) = await app.SignedInAsync();
        await using var _ = signedInContext;
        await signedIn.GotoAsync("/");
        await Expect(signedIn.Locator("link[rel=icon][href^='/favicon.svg']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_contact_card_keeps_a_long_url_and_memo_inside_its_border_on_screen_and_on_paper()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(page, Names.Facility("連絡先表示病院"), "病院", onlineQualification: false);
        await page.GotoAsync($"/facilities/{facility.Id}/contacts");
        var url = "https://support.example.jp/" + string.Concat(Enumerable.Repeat("very-long-path-segment-without-spaces/", 7)) + "?ticket=0123456789abcdef";
        var memo = string.Concat(Enumerable.Repeat("夜間休日は保守窓口の代表番号へ電話し受付番号を控えること", 8)) + string.Concat(Enumerable.Repeat("ABCDEFGHIJ", 12));
        await page.Locator("details.panel summary").ClickAsync();
        var form = page.Locator("#contact-new");
        await form.Locator("select[name=kind]").SelectOptionAsync("vendor");
        await form.Locator("input[name=name]").FillAsync("長いURLの保守会社");
        await form.Locator("input[name=url]").FillAsync(url);
        await form.Locator("textarea[name=note]").FillAsync(memo);
        await page.ClickAndWaitAsync(form.GetByRole(AriaRole.Button));
        var card = page.Locator("li.card", new() { HasText = "長いURLの保守会社" });
        await Expect(card).ToContainTextAsync("very-long-path-segment");

        const string Fits = """
            card => {
              const box = card.getBoundingClientRect();
              const out = [...card.querySelectorAll('dd, dt, strong')].filter(e => e.getBoundingClientRect().right > box.right + 0.5).map(e => e.textContent.slice(0, 30));
              return [String(card.scrollWidth), String(card.clientWidth), ...out];
            }
            """;
        foreach (var media in new[] { Media.Screen, Media.Print })
        {
            await page.EmulateMediaAsync(new() { Media = media });
            var fit = await card.EvaluateAsync<string[]>(Fits);
            Assert.True(int.Parse(fit[0], System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(fit[1], System.Globalization.CultureInfo.InvariantCulture) && fit.Length == 2,
                $"{media}: the card is {fit[1]}px wide but its content {fit[0]}px; outside its border: {string.Join(" | ", fit[2..])}");
            await Artifacts.ScreenshotAsync(page, $"contacts-long-{media}");
        }
    }

    [Fact]
    public async Task The_campaign_report_prints_every_heat_map_column_on_A4_and_the_summary_xlsx_prints_on_few_pages()
    {
        var (context, admin) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(admin, Names.Facility("集計印刷病院"), "病院", onlineQualification: false);
        var campaign = await CampaignPage.CreateAsync(admin, facility.Id, "令和8年度 職員点検（印刷）", named: false);
        var ward = await campaign.DepartmentLinkAsync("病棟");
        var outpatient = await campaign.DepartmentLinkAsync("外来");
        foreach (var (link, count) in new[] { (ward, 5), (outpatient, 5) })
        {
            for (var i = 0; i < count; i++)
            {
                var sent = await context.APIRequest.PostAsync(link, new()
                {
                    DataObject = new { jobType = "看護師", answers = Enumerable.Range(1, 10).ToDictionary(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture), n => (n + i) % 3 == 0 ? "no" : "yes") },
                });
                Assert.Equal(201, sent.Status);
            }
        }
        await admin.GotoAsync($"/campaigns/{campaign.Id}/results");
        await Expect(admin.Locator(".heat")).ToHaveCountAsync(2);

        // The printable width of A4 portrait at Chromium's default margins (about 10 mm each side) is about 190 mm.
        await admin.SetViewportSizeAsync(718, 1000);
        await admin.EmulateMediaAsync(new() { Media = Media.Print });
        var widths = await admin.Locator(".heat").EvaluateAllAsync<int[][]>("tables => tables.map(t => [t.scrollWidth, t.parentElement.clientWidth, document.documentElement.clientWidth])");
        foreach (var w in widths)
        {
            Assert.True(w[0] <= w[1] && w[0] <= w[2], $"A heat map is {w[0]}px wide on paper that holds {w[1]}px");
        }
        var pdf = Artifacts.PathFor("campaign-report-a4.pdf");
        await admin.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
        var text = await ExternalTool.PdfToTextAsync(pdf, Ct);
        foreach (var n in Enumerable.Range(1, 10))
        {
            Assert.True(Regex.Count(Regex.Replace(text, @"\s", ""), $"項目{n}(?!\\d)") >= 2, $"項目{n} is not on the printed page in both heat maps:\n{text}");
        }
        Assert.Contains("病棟", text, StringComparison.Ordinal);
        await ExternalTool.RunAsync("pdftoppm", ["-png", "-r", "60", pdf, Path.ChangeExtension(pdf, null)], TimeSpan.FromSeconds(60), Ct);

        // The summary workbook (5 sheets) prints on a handful of pages, not 11 slices of columns.
        await admin.EmulateMediaAsync(new() { Media = Media.Screen });
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Link, new() { Name = "集計（xlsx）" }).ClickAsync());
        var xlsx = Artifacts.PathFor("campaign-summary-print.xlsx");
        await download.SaveAsAsync(xlsx);
        var printed = await ExternalTool.SpreadsheetToPdfAsync(xlsx, Ct);
        var info = await ExternalTool.RunAsync("pdfinfo", [printed], TimeSpan.FromSeconds(30), Ct);
        var pages = int.Parse(PagesLine().Match(info).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pages, 5, 7);
        await ExternalTool.RunAsync("pdftoppm", ["-png", "-r", "50", printed, Path.ChangeExtension(printed, null)], TimeSpan.FromSeconds(60), Ct);
    }

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    [Fact]
    public async Task The_access_log_shows_names_pages_of_100_filters_and_fits_the_width()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var facilityName = Names.Facility("ログ表示病院");
        var facility = await FacilityPage.CreateAsync(page, facilityName, "病院", onlineQualification: false);
        // Every view of the log is an entry: enough of them for more than one page.
        for (var i = 0; i < 105; i++)
        {
            Assert.Equal(200, (await context.APIRequest.GetAsync("/admin/access-log?result=Failure")).Status);
        }
        var errors = WatchErrors(page);
        await page.GotoAsync("/admin/access-log");
        var rows = page.Locator("table.access-log tbody tr");
        await Expect(rows).ToHaveCountAsync(100);
        var table = await page.Locator("table.access-log").InnerTextAsync();
        Assert.DoesNotContain("audit.view", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Success", table, StringComparison.Ordinal);
        Assert.Contains("アクセスログの閲覧", table, StringComparison.Ordinal);
        Assert.Contains("成功", table, StringComparison.Ordinal);
        await Artifacts.ScreenshotAsync(page, "access-log-page-1");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("access-log-top.png") });

        // Next page, then filter on the facility's creation: the target is the facility's name, its id kept in the title.
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "古い記録" }));
        Assert.Contains("p=1", page.Url, StringComparison.Ordinal);
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "新しい記録" })).ToBeVisibleAsync();
        await page.GotoAsync("/admin/access-log");
        await page.Locator("select[name=action]").SelectOptionAsync("facility.create");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }));
        var created = page.Locator("table.access-log tbody tr", new() { HasText = facilityName });
        await Expect(created).ToHaveCountAsync(1);
        await Expect(created.Locator("td").Nth(3).Locator("span").First).ToHaveTextAsync("医療機関の登録");
        await Expect(created.Locator("td").Nth(3).Locator("span").First).ToHaveAttributeAsync("title", "facility.create");
        await Expect(created.Locator(".target-name")).ToHaveAttributeAsync("title", facility.Id.ToString());
        Assert.All(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.action)"), a => Assert.Equal("facility.create", a));
        await Expect(page.Locator("select[name=action]")).ToHaveValueAsync("facility.create");

        // Filters by outcome and person, and the paging links keep them.
        await page.GotoAsync("/admin/access-log?result=Success&user=" + Uri.EscapeDataString(MamoriApp.Admin.Name));
        await Expect(page.Locator("select[name=result]")).ToHaveValueAsync("Success");
        var next = await page.GetByRole(AriaRole.Link, new() { Name = "古い記録" }).GetAttributeAsync("href");
        Assert.Contains("result=Success", next, StringComparison.Ordinal);
        Assert.Contains("user=", next, StringComparison.Ordinal);
        Assert.DoesNotContain("失敗", await page.Locator("table.access-log tbody").InnerTextAsync(), StringComparison.Ordinal);

        foreach (var media in new[] { Media.Screen, Media.Print })
        {
            await page.EmulateMediaAsync(new() { Media = media });
            var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(sizes[0] <= sizes[1], $"{media}: the access log is {sizes[0]}px wide in a {sizes[1]}px window");
        }
        await Expect(page.Locator("form.filters").First).ToBeHiddenAsync();
        await Artifacts.ScreenshotAsync(page, "access-log-print");
        await page.PdfAsync(new() { Path = Artifacts.PathFor("access-log.pdf"), Format = "A4" });
        Assert.Empty(errors);
    }
}
