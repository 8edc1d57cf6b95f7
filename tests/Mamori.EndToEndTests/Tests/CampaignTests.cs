using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Staff campaigns in Chromium: the admin hands out links, staff answer on a phone or a PC, results come back.</summary>
public sealed class CampaignTests(MamoriApp app)
{
    private static void Phone(BrowserNewContextOptions o)
    {
        o.ViewportSize = new() { Width = 390, Height = 844 };
        o.IsMobile = true;
        o.HasTouch = true;
        o.DeviceScaleFactor = 1;
    }

    [Fact]
    public async Task Anonymous_campaign_answered_from_a_department_link_shows_guidance_for_each_cross()
    {
        var (context, admin) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(admin, Names.Facility("配布病院"), "病院", onlineQualification: false);
        var campaign = await CampaignPage.CreateAsync(admin, facility.Id, "令和8年度 職員セキュリティ点検", named: false);
        await Artifacts.ScreenshotAsync(admin, "campaign-detail");
        var wardLink = await campaign.DepartmentLinkAsync("病棟");

        // A nurse opens the ward's link on a phone (as scanning the posted QR code would).
        await using var phone = await app.NewContextAsync(Phone);
        var answer = await AnswerPage.OpenAsync(await phone.NewPageAsync(), wardLink);
        Assert.Equal("病棟", await answer.SelectedDepartmentAsync());
        await Expect(answer.Page.GetByLabel("氏名")).ToHaveCountAsync(0);
        await answer.AnswerAsync("○○○○×○○×○○", jobType: "看護師");
        await Artifacts.ScreenshotAsync(answer.Page, "campaign-answer-phone");
        var widths = await answer.Page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The answering page scrolls sideways on a phone: {widths[0]} > {widths[1]}");
        await answer.SubmitAsync();
        Assert.Contains("受け付けました", await answer.DoneHeadingAsync(), StringComparison.Ordinal);
        Assert.Equal([5, 8], await answer.GuidanceItemsAsync());
        await Expect(answer.Page.Locator("#guidance-5 .guidance-text")).ToContainTextAsync("パスワード");
        await Artifacts.ScreenshotAsync(answer.Page, "campaign-guidance-phone");

        // A clerk answers on a PC with JavaScript off: the form still works.
        await using var pc = await app.NewContextAsync(o => o.JavaScriptEnabled = false);
        var clerk = await AnswerPage.OpenAsync(await pc.NewPageAsync(), wardLink);
        await clerk.AnswerAsync("○○○○○○○○○○", jobType: "事務職");
        await Artifacts.ScreenshotAsync(clerk.Page, "campaign-answer-pc");
        await clerk.SubmitAsync();
        Assert.Empty(await clerk.GuidanceItemsAsync());

        await campaign.OpenAsync();
        Assert.Equal(2, await campaign.ResponsesAsync("病棟"));
        // Two anonymous responses are below the threshold (5): only the count is shown.
        await admin.GotoAsync($"/campaigns/{campaign.Id}/results");
        await Expect(admin.Locator("#withheld")).ToContainTextAsync("5件に達していない");
        await Expect(admin.Locator(".heat")).ToHaveCountAsync(0);

        // Three more nurses answer through the same link (as JSON, like any program may).
        for (var i = 0; i < 3; i++)
        {
            var sent = await phone.APIRequest.PostAsync(wardLink, new()
            {
                DataObject = new { jobType = "看護師", answers = Enumerable.Range(1, 10).ToDictionary(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "yes") },
            });
            Assert.Equal(201, sent.Status);
        }
        await admin.GotoAsync($"/campaigns/{campaign.Id}/results");
        await Expect(admin.Locator(".result-table .total td").First).ToHaveTextAsync("96.0%");
        await Expect(admin.Locator(".heat tr[data-name='病棟'] td[data-item='5']")).ToHaveTextAsync("80.0%");
        // 看護師 4 and 事務職 1 are each below 5: together they make one 「その他（少数）」 row; the one clerk is never shown.
        await Expect(admin.Locator(".heat tr[data-name='事務職']")).ToHaveCountAsync(0);
        await Expect(admin.Locator(".heat tr[data-name='その他（少数）'] td").First).ToHaveTextAsync("5");
        await Artifacts.ScreenshotAsync(admin, "campaign-results");
        await admin.GotoAsync($"/campaigns/{campaign.Id}/sheets");
        await Expect(admin.Locator("section.sheet svg")).ToHaveCountAsync(10);
        await Artifacts.ScreenshotAsync(admin, "campaign-sheets");
        await admin.PdfAsync(new() { Path = Artifacts.PathFor("campaign-sheets.pdf"), Format = "A4" });
    }

    [Fact]
    public async Task Named_campaign_person_links_answer_once_and_leave_the_not_answered_list()
    {
        var (context, admin) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(admin, Names.Facility("記名病院"), "病院", onlineQualification: false);
        var campaign = await CampaignPage.CreateAsync(admin, facility.Id, "記名式 点検", named: true);
        await campaign.AddPersonsAsync("山田 花子, 病棟, 看護師\n鈴木 次郎, 外来, 医師");
        Assert.Equal(["山田 花子", "鈴木 次郎"], (await campaign.NotAnsweredAsync()).Order());
        var links = await campaign.PersonLinksAsync();

        await using var staff = await app.NewContextAsync();
        var answer = await AnswerPage.OpenAsync(await staff.NewPageAsync(), links["山田 花子"]);
        await Expect(answer.Page.Locator("form#respond")).ToContainTextAsync("山田 花子");
        await answer.AnswerAsync("×○○○○○○○○○");
        await answer.SubmitAsync();
        Assert.Equal([1], await answer.GuidanceItemsAsync());

        // The same link again: already answered.
        await answer.Page.GotoAsync(links["山田 花子"]);
        await Expect(answer.Page.Locator(".warning")).ToContainTextAsync("既に回答");
        await Expect(answer.Page.Locator("form#respond")).ToHaveCountAsync(0);

        // A named department link asks for the name.
        await campaign.OpenAsync();
        var outpatient = await AnswerPage.OpenAsync(await staff.NewPageAsync(), await campaign.DepartmentLinkAsync("外来"));
        await outpatient.AnswerAsync("○○○○○○○○○○", jobType: "医師", name: "外来 三郎");
        await outpatient.SubmitAsync();

        await campaign.OpenAsync();
        Assert.Equal(["鈴木 次郎"], await campaign.NotAnsweredAsync());
        Assert.Equal(1, await campaign.ResponsesAsync("病棟"));
        Assert.Equal(1, await campaign.ResponsesAsync("外来"));
        await Artifacts.ScreenshotAsync(admin, "campaign-named-detail");

        // The exports open in LibreOffice (the spreadsheet program hospitals have) with the answers in them.
        var responses = await SpreadsheetAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "回答一覧（xlsx）" }));
        Assert.Contains("山田 花子", responses, StringComparison.Ordinal);
        Assert.Contains("外来 三郎", responses, StringComparison.Ordinal);
        await admin.GotoAsync($"/campaigns/{campaign.Id}/results");
        var summary = await SpreadsheetAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "集計（xlsx）" }));
        // LibreOffice's CSV is the first sheet: the campaign's result line, 19 ○ of 20 answers.
        Assert.Contains("95.0%,19/20", summary, StringComparison.Ordinal);
    }

    /// <summary>Downloads the linked .xlsx into the artifacts and reads it back through LibreOffice as CSV.</summary>
    private static async Task<string> SpreadsheetAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = Artifacts.PathFor("campaign-" + download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var csv = await ExternalTool.SpreadsheetToCsvAsync(path, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".libreoffice.csv"), csv, TestContext.Current.CancellationToken);
        return csv;
    }
}
