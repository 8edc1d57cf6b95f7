using Mamori.Catalog;
using Mamori.Printing;

namespace Mamori.Tests.Printing;

/// <summary>Japanese line breaking (禁則), measured here with every character one unit wide.</summary>
public sealed class LineBreakerTests
{
    private static double Width(string s) => s.EnumerateRunes().Count();

    private static IReadOnlyList<string> Break(string text, double width) => LineBreaker.Break(text, width, Width);

    [Fact]
    public void A_full_stop_or_comma_never_starts_a_line_the_character_before_it_moves_down()
    {
        Assert.Equal(["あいうえおかきくけ", "こ。さしすせそ"], Break("あいうえおかきくけこ。さしすせそ", 10));
        Assert.Equal(["あいうえおかきくけ", "こ、さし"], Break("あいうえおかきくけこ、さし", 10));
    }

    [Fact]
    public void A_closing_bracket_is_never_alone_on_a_line_and_an_opening_one_never_ends_one()
    {
        Assert.Equal(["あいうえおかきくけ", "こ）"], Break("あいうえおかきくけこ）", 10));
        Assert.Equal(["あいうえおかきくけ", "「こさし」"], Break("あいうえおかきくけ「こさし」", 10));
        Assert.Equal(["あいうえおかきく", "け」。す"], Break("あいうえおかきくけ」。す", 10));
    }

    [Fact]
    public void Small_kana_and_the_long_vowel_mark_stay_with_the_character_before()
    {
        Assert.Equal(["あいうえおかきくけ", "ファイル"], Break("あいうえおかきくけファイル", 10));
        Assert.Equal(["あいうえおかきくけ", "サーバ"], Break("あいうえおかきくけサーバ", 10));
    }

    [Fact]
    public void Dates_times_latin_words_and_kept_names_are_never_split()
    {
        var lines = Break("報告期限は2026年12月16日（水）23:59です。", 15);
        Assert.Equal(["報告期限は", "2026年12月16日（水）", "23:59です。"], lines);
        Assert.Equal(["届出は", "令和8年12月4日", "まで"], Break("届出は令和8年12月4日まで", 9));
        Assert.Equal(["VPN機器", "FortiGate 60E", "の脆弱性"], Break("VPN機器 FortiGate 60E の脆弱性", 13));
        var named = Break("連絡先：" + LineBreaker.Keep("山田太郎") + "（院長）", 6);
        Assert.Equal(["連絡先：", "山田太郎（院", "長）"], named);
        Assert.Equal("山田太郎", LineBreaker.Visible(LineBreaker.Keep("山田太郎")));
    }

    [Fact]
    public void Only_a_unit_wider_than_the_line_is_cut_and_nothing_is_lost()
    {
        Assert.Equal(["https://ex", "ample.jp/a", "bc"], Break("https://example.jp/abc", 10));
        Assert.Equal([""], Break("", 10));
    }

    /// <summary>Every text of the seed's checklists and flowchart, at several widths.</summary>
    [Fact]
    public void The_catalogs_texts_break_within_the_width_without_a_forbidden_line_start_and_lose_nothing()
    {
        var catalog = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")!;
        var texts = catalog.Checklists.SelectMany(c => c.Items).Select(i => i.Text)
            .Concat(catalog.IncidentFlow!.Steps.SelectMany(s => s.Sections).Select(s => s.Text)).ToList();
        Assert.True(texts.Count > 150);
        foreach (var width in new[] { 12, 20, 37, 45 })
        {
            foreach (var paragraph in texts.SelectMany(t => t.Split('\n')))
            {
                var lines = Break(paragraph, width);
                Assert.Equal(paragraph.Replace(" ", "", StringComparison.Ordinal), string.Concat(lines).Replace(" ", "", StringComparison.Ordinal));
                foreach (var line in lines.Skip(1))
                {
                    Assert.DoesNotMatch("^[、。）」』】・：；ーぁぃぅぇぉっゃゅょァィゥェォッャュョ]", line);
                }
                Assert.All(lines, line => Assert.True(Width(line) <= width, $"{line} is wider than {width}"));
                Assert.All(lines.SkipLast(1), line => Assert.DoesNotMatch("[（「『【]$", line));
            }
        }
    }
}
