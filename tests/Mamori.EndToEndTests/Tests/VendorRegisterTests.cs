using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mamori.EndToEndTests.Tests;

/// <summary>Issue 17 in Chromium: the facility's register of systems and vendors, kept on its page and printed on A4.</summary>
public sealed class VendorRegisterTests(MamoriApp app)
{
    [Fact]
    public async Task An_admin_adds_vendors_on_the_page_sees_them_listed_with_a_stale_mds_flagged_and_prints_the_register()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(page, Names.Facility("事業者台帳病院"), "病院", onlineQualification: false);

        var register = await VendorsPage.OpenAsync(page, facility.Id);
        await Expect(page.Locator("h1")).ToHaveTextAsync("システムと事業者");
        await register.AddAsync("電子カルテ", "電子カルテ（本院）", "守りメディカルシステム株式会社", "ehr-support@example.jp", person: "保守 一郎", phone: "0120-000-111",
            from: new DateOnly(2026, 4, 1), until: new DateOnly(2027, 3, 31), remoteMethod: "VPN装置（IPsec）", memo: "障害時は24時間受付。夜間は携帯へ。");
        await Expect(page.Locator("p.flash")).ToContainTextAsync("システムと事業者を登録しました。");
        await register.AddAsync("PACS", "画像管理システム", "画像ソリューションズ株式会社", "pacs@example.jp", phone: "03-1234-5678");

        await Expect(register.Rows).ToHaveCountAsync(2);
        var ehr = register.Row("電子カルテ（本院）");
        await Expect(ehr).ToContainTextAsync("守りメディカルシステム株式会社");
        await Expect(ehr).ToContainTextAsync("保守 一郎");
        await Expect(ehr).ToContainTextAsync("2026年4月1日");
        await Expect(ehr).ToContainTextAsync("VPN装置（IPsec）");
        await Expect(ehr.Locator("td.mds")).ToContainTextAsync("未登録");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Tokyo"));
        var mds = Artifacts.PathFor("vendor-mds.pdf");
        await File.WriteAllBytesAsync(mds, "%PDF-1.4\n% MDS/SDS 第2.0版\n"u8.ToArray(), TestContext.Current.CancellationToken);
        await register.UploadMdsAsync("電子カルテ（本院）", mds, "第2.0版", today.AddYears(-1).AddDays(-10));
        await Expect(page.Locator("p.flash")).ToContainTextAsync("MDS/SDSを登録しました。");
        await Expect(register.Row("電子カルテ（本院）").Locator("td.mds")).ToContainTextAsync("更新から1年以上経過");
        await Expect(register.Row("電子カルテ（本院）").Locator("td.mds")).ToContainTextAsync("vendor-mds.pdf");
        await Expect(register.Row("画像管理システム").Locator("td.mds")).Not.ToContainTextAsync("更新から1年以上経過");

        await page.SetViewportSizeAsync(1280, 800);
        await page.ScreenshotAsync(new() { Path = "/tmp/vendors.png", FullPage = true });
        await Artifacts.ScreenshotAsync(page, "vendors");

        // On paper: the table on A4 without the forms, every column inside the page.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("#vendor-form")).ToBeHiddenAsync();
        await Expect(page.Locator(".register-facility")).ToBeVisibleAsync();
        var widths = await page.Locator("table.vendors").EvaluateAsync<int[]>("t => [t.scrollWidth, t.parentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the printed table is {widths[0]}px wide in a {widths[1]}px page");
        await page.ScreenshotAsync(new() { Path = "/tmp/vendors-print.png", FullPage = true });
        var pdf = Artifacts.PathFor("vendors.pdf");
        await page.PdfAsync(new() { Path = pdf, PreferCSSPageSize = true, PrintBackground = true });
        var text = await ExternalTool.PdfToTextAsync(pdf, TestContext.Current.CancellationToken);
        // Short texts: a longer one may wrap inside its cell, and pdftotext then gives it line by line.
        Assert.Contains("画像管理システム", text, StringComparison.Ordinal);
        Assert.Contains("保守 一郎", text, StringComparison.Ordinal);
        Assert.Contains("1年以上経過", text, StringComparison.Ordinal);
        Assert.DoesNotContain("システムと事業者を追加", text, StringComparison.Ordinal);
    }
}
