using System.Text.Json;
using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;
using Microsoft.Playwright;

namespace Mamori.EndToEndTests.Tests;

/// <summary>
/// The English UI leaves no Japanese behind: every page an administrator reaches, with data on it, is read in
/// English, and any text (or label a screen reader reads) in kana or kanji outside an element marked lang="ja" —
/// the ministry's own texts, official names — fails the test with the page and the text.
/// </summary>
public sealed partial class EnglishEverywhereTests(MamoriApp app)
{
    [System.Text.RegularExpressions.GeneratedRegex("[\u3040-\u30ff\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")]
    private static partial System.Text.RegularExpressions.Regex JapaneseText();

    // Text nodes and the attributes read aloud; an element inside [lang=ja] is the ministry's (or a name) and stays.
    private const string FindJapanese = """
        (typed) => {
          const japanese = /[\u3040-\u30ff\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;
          const found = [];
          // The nearest lang decides (an English label inside a Japanese item stays checked); translate=no marks names.
          const exempt = el => !el || el.closest('script, style, template, [translate=no]') || (el.closest('[lang]') || {}).lang === 'ja';
          const strip = v => typed.reduce((t, name) => t.split(name).join(''), v);
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (japanese.test(strip(n.nodeValue)) && !exempt(n.parentElement)) {
              found.push('<' + n.parentElement.tagName.toLowerCase() + (n.parentElement.className ? '.' + n.parentElement.className : '') + '> ' + n.nodeValue.trim());
            }
          }
          for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], input[type=submit][value], input[type=button][value]')) {
            for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'value']) {
              const v = el.getAttribute(a);
              if (v && (a !== 'value' || el.type === 'submit' || el.type === 'button') && japanese.test(strip(v)) && !exempt(el)) {
                found.push('@' + a + ' ' + v);
              }
            }
          }
          // A title repeats the page's heading; a heading kept as recorded (lang=ja) is not the title's fault.
          const recorded = [...document.querySelectorAll('h1 [lang=ja]')].map(e => e.textContent);
          if (document.documentElement.lang !== 'ja' && japanese.test(strip(recorded.reduce((t, r) => t.split(r).join(''), document.title)))) { found.push('<title> ' + document.title); }
          return found;
        }
        """;

    [Fact]
    public async Task Every_page_an_administrator_reaches_is_in_english_apart_from_the_ministrys_texts()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        // Data in ASCII, so whatever Japanese the pages show comes from Mamori, not from what was typed in.
        var facility = await FacilityPage.CreateAsync(page, $"Kaigan Hospital {Guid.NewGuid():N}"[..23], "病院", onlineQualification: true);
        var first = await facility.StartRoundAsync("sysadmin", "Taro Check", new DateOnly(2026, 10, 1));
        await first.AnswerAsync(1, Mark.Yes);
        await first.AnswerAsync(2, Mark.No);
        await first.CompleteAsync();
        var second = await (await FacilityPage.OpenAsync(page, facility.Id)).StartRoundAsync("sysadmin", "Taro Check", new DateOnly(2026, 11, 1));
        await second.AnswerAsync(1, Mark.Yes);
        var campaign = await CampaignPage.CreateAsync(page, facility.Id, "Awareness 2026", named: false);
        var incident = await IncidentPage.ReportAsync(page, facility.Id, ["身代金を要求する画面・メッセージが出た"], "Ward 3", "2026-11-24T08:10", "抜いていない", "A ransom note on the screen");
        await incident.DecideAsync(true, "Ransom note seen");
        var vendors = await VendorsPage.OpenAsync(page, facility.Id);
        await vendors.AddAsync("電子カルテ", "EHR main", "Kaigan Systems", "ehr@example.jp", person: "Jiro Hoshu", phone: "03-0000-0000",
            from: new DateOnly(2025, 4, 1), until: new DateOnly(2026, 3, 31), remoteMethod: "VPN appliance", memo: "24h support");
        var mds = Artifacts.PathFor("english-mds.pdf");
        await File.WriteAllBytesAsync(mds, "%PDF-1.4\n% MDS\n"u8.ToArray(), TestContext.Current.CancellationToken);
        await vendors.UploadMdsAsync("EHR main", mds, "2.0", new DateOnly(2024, 10, 1));
        var vendorEdit = await page.Locator("table.vendors a[href*='?edit=']").First.GetAttributeAsync("href") ?? $"/facilities/{facility.Id}/vendors";

        // Department and job type names are the facility's own (kept and edited on the setup page), like a person's name.
        await page.GotoAsync($"/facilities/{facility.Id}/campaigns/setup");
        var typed = (await page.Locator("input[name=name]").EvaluateAllAsync<string[]>("els => els.map(e => e.value)"))
            .Where(n => n.Length > 0).Append(MamoriApp.Admin.Name).OrderByDescending(n => n.Length).ToArray();
        await page.GotoAsync("/culture?lang=en&returnUrl=/");
        var pages = new List<string>
        {
            "/", "/catalog", $"/facilities/{facility.Id}", $"/facilities/{facility.Id}/edit", "/facilities/new",
            $"/facilities/{facility.Id}/assessments/new",
            $"/assessments/{first.Id}", $"/assessments/{second.Id}", $"/assessments/{first.Id}/result", $"/assessments/{second.Id}/result",
            $"/assessments/compare?before={first.Id}&after={second.Id}", $"/assessments/{first.Id}/history", $"/assessments/{first.Id}/print",
            "/campaigns", $"/facilities/{facility.Id}/campaigns", $"/facilities/{facility.Id}/campaigns/setup",
            $"/campaigns/{campaign.Id}", $"/campaigns/{campaign.Id}/results", $"/campaigns/{campaign.Id}/sheets",
            "/incidents", $"/incidents/new?facilityId={facility.Id}", $"/incidents/{incident.Id}",
            $"/facilities/{facility.Id}/contacts", $"/facilities/{facility.Id}/preparedness",
            $"/facilities/{facility.Id}/vendors", vendorEdit,
            "/emergency", "/emergency/new",
            "/admin/users", "/admin/users/new", "/admin/security", "/admin/access-log", "/admin/public-address",
            "/account", "/account/password", "/account/tokens", "/account/two-factor",
        };
        await page.GotoAsync($"/incidents/{incident.Id}");
        pages.AddRange((await page.Locator("a[href*='/reports/']").EvaluateAllAsync<string[]>("els => els.map(a => a.getAttribute('href'))"))
            .Where(h => !h.EndsWith(".docx", StringComparison.Ordinal) && !h.EndsWith(".pdf", StringComparison.Ordinal) && !h.Contains('?', StringComparison.Ordinal)).Distinct());
        await page.GotoAsync("/admin/users");
        pages.Add(await page.Locator("main a[href^='/admin/users/']:not([href$='/new'])").First.GetAttributeAsync("href") ?? "/admin/users");

        var failures = new List<string>();
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(path);
            if (response?.Status != 200)
            {
                failures.Add($"{path}: HTTP {response?.Status}");
                continue;
            }
            // The ministry's printed form and the staff notices are Japanese documents (the print layout says lang="ja").
            if (await page.Locator("html").GetAttributeAsync("lang") != "en" && !path.EndsWith("/print", StringComparison.Ordinal) && !path.EndsWith("/sheets", StringComparison.Ordinal))
            {
                failures.Add($"{path}: not in English (html lang)");
            }
            // The administrator's name was typed in Japanese at setup: what people type is theirs, not the UI's.
            var found = await page.EvaluateAsync<string[]>(FindJapanese, typed);
            failures.AddRange(found.Distinct().Select(f => $"{path}: {f}"));
        }
        // Other tests' hospitals (named in Japanese, as people name them) show up in shared lists: their names are data too.
        await page.GotoAsync("/");
        var facilities = (await page.Locator("main a[href^='/facilities/']").AllInnerTextsAsync()).Where(n => n.Length > 0).ToList();
        // And their people: a person's name is what was typed for them, in any UI.
        await page.GotoAsync("/admin/users");
        facilities = [.. facilities.Concat(await page.Locator("main a[href^='/admin/users/']").AllInnerTextsAsync()).Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length)];
        failures = [.. failures.Where(f => JapaneseText().IsMatch(facilities.Aggregate(f[(f.IndexOf(": ", StringComparison.Ordinal) + 2)..], (t, n) => t.Replace(n, "", StringComparison.Ordinal))))];
        await page.GotoAsync($"/assessments/{first.Id}");
        await Artifacts.ScreenshotAsync(page, "english-form");
        await page.GotoAsync($"/incidents/{incident.Id}");
        await Artifacts.ScreenshotAsync(page, "english-incident");
        await File.WriteAllLinesAsync(Artifacts.PathFor("english-japanese-left.txt"), failures, TestContext.Current.CancellationToken);
        Assert.True(failures.Count == 0, $"{failures.Count} Japanese texts left in the English UI:\n" + string.Join("\n", failures.Take(300)));
    }
}
