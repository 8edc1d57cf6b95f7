using Mamori.Catalog;
using Mamori.Incidents;
using Mamori.Printing;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Printing;

/// <summary>The PDFs Mamori prints, read back with poppler as a person's viewer would.</summary>
public sealed class PrintDocumentTests
{
    [Fact]
    public async Task Japanese_text_reads_back_as_written_and_the_font_is_an_embedded_subset()
    {
        var document = new PrintDocument("報告書", "作成日：2026年11月24日（令和8年）")
            .Heading("厚生労働省への報告", 16)
            .Paragraph("髙﨑病院（医療法人）の電子カルテがランサムウェアで暗号化された。VPN機器 FortiGate 60E の脆弱性 — 連絡は“至急”。");
        var pdf = document.ToPdf();
        await PdfText.AssertReadsAsMeantAsync(document, pdf);
        Assert.Contains("髙﨑病院（医療法人）の電子カルテがランサムウェアで", await PdfText.ExtractAsync(pdf));

        var fonts = await PdfText.FontsAsync(pdf);
        var row = fonts.Split('\n').Single(l => l.Contains("Mamori Sans JP", StringComparison.Ordinal));
        Assert.Contains("CID TrueType", row);
        Assert.Matches(@"yes\s+yes\s+yes", row); // embedded, subset, has ToUnicode
        Assert.True(pdf.Length < 200_000, $"the subset should be small, got {pdf.Length} bytes");
    }

    [Fact]
    public async Task A_character_the_font_lacks_is_reported_and_printed_as_geta()
    {
        var document = new PrintDocument("外字", "フッター").Paragraph("𠮷野家の領収書");
        Assert.Equal(["𠮷"], document.MissingCharacters);
        Assert.Contains("〓野家の領収書", await PdfText.ExtractAsync(document.ToPdf()));
    }

    [Fact]
    public async Task Long_text_continues_on_new_pages_and_every_page_says_n_of_total()
    {
        var document = new PrintDocument("長文", "フッター");
        for (var i = 1; i <= 80; i++)
        {
            document.Paragraph($"{i}行目：" + new string('あ', 60));
        }
        var pdf = document.ToPdf();
        await PdfText.AssertReadsAsMeantAsync(document, pdf);
        var pages = (await PdfText.ExtractAsync(pdf)).Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        Assert.InRange(pages.Count, 3, 6);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Matches($@"{i + 1}\s*/\s*{pages.Count}\s*$", pages[i].TrimEnd());
        }
    }

    [Fact]
    public async Task A_heading_that_would_end_a_page_moves_to_the_next_with_what_follows()
    {
        // 41 lines of 10.5 pt leave room for the heading but not for the first line under it.
        var document = new PrintDocument("見出し", "フッター");
        for (var i = 1; i <= 41; i++)
        {
            document.Paragraph($"本文{i}行目");
        }
        document.Heading("次の見出し").Paragraph("見出しの下の最初の行");
        var pdf = document.ToPdf();
        await PdfText.AssertReadsAsMeantAsync(document, pdf);
        var pages = (await PdfText.ExtractAsync(pdf)).Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("本文41行目", pages[0]);
        Assert.DoesNotContain("次の見出し", pages[0]);
        Assert.Matches(@"^\s*次の見出し\s+見出しの下の最初の行", pages[1]);
    }

    [Fact]
    public async Task The_emergency_binder_reads_back_as_composed_with_the_whole_flowchart()
    {
        var flow = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")!.IncidentFlow!;
        FacilityContact[] contacts =
        [
            new() { Kind = "internal", Name = "髙橋　花子", Role = "経営層（院長）", Phone = "090-1234-5678", Hours = "24時間", ConfirmedOn = new DateOnly(2026, 4, 1) },
            new() { Kind = "vendor", Name = "株式会社メディカルシステムズ", System = "電子カルテ", Email = "support@example.jp", Deputy = true },
            new() { Kind = "police", Name = "愛知県警察本部 サイバー犯罪対策課" },
        ];
        var document = EmergencyBinder.Compose("守り記念病院", contacts, flow, new DateOnly(2026, 12, 2));
        var pdf = document.ToPdf();
        await PdfText.AssertReadsAsMeantAsync(document, pdf);
        var text = await PdfText.ExtractAsync(pdf);
        Assert.Contains("メール：未登録", text);
        Assert.DoesNotContain("—", text.Replace("髙橋", "", StringComparison.Ordinal));
        Assert.Contains("2026年12月2日（令和8年）", text);
        Assert.DoesNotContain("（令和8年）（令和8年", text);
        Assert.Contains(flow.Steps.Single(s => s.Id == "2-13").Title, text);
    }

    [Fact]
    public async Task The_binder_lists_the_in_house_people_prints_empty_fields_as_not_recorded_and_embeds_a_png_diagram()
    {
        var flow = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")!.IncidentFlow!;
        FacilityContact[] contacts =
        [
            // A safety manager with nothing but a name: every empty field must read 未登録, never a blank or a box.
            new() { Kind = "internal", Name = "安全　一郎", Role = "医療情報システム安全管理責任者", Phone = "", Email = null, Hours = " " },
            new() { Kind = "internal", Name = "院長　太郎", Role = "経営層（院長）", Phone = "052-000-0000" },
            new() { Kind = "internal", Name = "医事課　花子", Role = "広報担当" },
        ];
        BinderPerson[] people = [new("管理　次郎", "医療情報システム安全管理責任者（Mamoriの管理者）", "kanri@example.jp", null)];
        var diagram = new BinderDiagram("lan-2026.png", Diagrams.Png, 3, new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero), "管理　次郎", "紙の原本は事務室の金庫", TestImages.Png(400, 300));
        var document = EmergencyBinder.Compose("守り記念病院", contacts, flow, new DateOnly(2026, 12, 2), people, diagram);
        var pdf = document.ToPdf();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "mamori-binder-test.pdf"), pdf, TestContext.Current.CancellationToken); // to look at
        await PdfText.AssertReadsAsMeantAsync(document, pdf);
        var text = System.Text.RegularExpressions.Regex.Replace(await PdfText.ExtractAsync(pdf), @"\s", "");
        Assert.Contains("院内の体制", text);
        Assert.Contains("担当者：安全一郎", text);
        Assert.Contains("電話：未登録メール：未登録受付時間：未登録", text);
        // No deputy for either role: said so, not left out.
        Assert.Contains("医療情報システム安全管理責任者■担当者：安全一郎", text);
        Assert.Contains("代理：未登録", text);
        Assert.Contains("院長太郎", text);
        Assert.Contains("その他の院内の担当者■医事課花子", text);
        Assert.Contains("管理次郎（医療情報システム安全管理責任者（Mamoriの管理者））電話：未登録メール：kanri@example.jp", text);
        Assert.Contains("lan-2026.png（第3版", text);
        Assert.Contains("紙の原本は事務室の金庫", text);
        Assert.DoesNotContain("〓", text);
        Assert.DoesNotContain("＿", text);

        var images = await PdfText.ImagesAsync(pdf);
        Assert.Single(images);
        Assert.Equal((400, 300), images[0]);
    }

    [Fact]
    public async Task A_binder_with_an_svg_diagram_or_none_says_where_the_paper_copy_goes()
    {
        var flow = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")!.IncidentFlow!;
        var svg = new BinderDiagram("lan.svg", Diagrams.Svg, 1, DateTimeOffset.UnixEpoch, "管理　次郎", null, null);
        var withSvg = EmergencyBinder.Compose("守り記念病院", [], flow, new DateOnly(2026, 12, 2), [], svg);
        var pdf = withSvg.ToPdf();
        await PdfText.AssertReadsAsMeantAsync(withSvg, pdf);
        var text = System.Text.RegularExpressions.Regex.Replace(await PdfText.ExtractAsync(pdf), @"\s", "");
        Assert.Contains("lan.svg（第1版", text);
        Assert.Contains("SVG形式のため、このバインダーには印刷していません", text);
        Assert.Contains("紙の構成図をこのページの後ろに綴じてください", text);
        Assert.Contains("担当者：未登録", text);
        Assert.Empty(await PdfText.ImagesAsync(pdf));

        var none = EmergencyBinder.Compose("守り記念病院", [], flow, new DateOnly(2026, 12, 2));
        var noneText = System.Text.RegularExpressions.Regex.Replace(await PdfText.ExtractAsync(none.ToPdf()), @"\s", "");
        Assert.Contains("ネットワーク構成図：未登録", noneText);
    }
}
