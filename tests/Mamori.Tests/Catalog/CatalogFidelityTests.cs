using System.Text.RegularExpressions;
using Mamori.Catalog;

namespace Mamori.Tests.Catalog;

/// <summary>The shipped catalog against the ministry's form: lists, counts, 視点 tallies and clean text.</summary>
public sealed partial class CatalogFidelityTests
{
    private static readonly ChecklistCatalog Catalog = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")
        ?? throw new InvalidOperationException("mhlw-2021-10 is not embedded.");

    [Fact]
    public void The_2021_edition_has_the_four_lists_in_the_forms_order()
    {
        Assert.Equal("mhlw-2021-10", Catalog.Id);
        Assert.Equal("医療機関のサイバーセキュリティ対策チェックリスト", Catalog.Title);
        Assert.Equal(["executive", "sysadmin", "online-qualification", "staff"], Catalog.Checklists.Select(c => c.Key));
        Assert.Equal(["prevent", "detect", "correct"], Catalog.Perspectives.Select(p => p.Key.ToKey()));
        Assert.Equal(["予防", "発見", "是正"], Catalog.Perspectives.Select(p => p.Label));
    }

    [Theory]
    [InlineData("executive", "経営層", 18, 15, 0, 3)]
    [InlineData("sysadmin", "システム管理者", 92, 84, 7, 1)]
    [InlineData("online-qualification", "オンライン資格確認", 2, 1, 1, 0)]
    public void Lists_with_perspectives_have_the_forms_tallies(string key, string titlePart, int count, int prevent, int detect, int correct)
    {
        var list = Catalog.FindChecklist(key)!;
        Assert.Contains(titlePart, list.Title);
        Assert.True(list.HasPerspectives);
        Assert.Equal(count, list.Items.Count);
        Assert.Equal(prevent, list.Items.Count(i => i.Perspective == Perspective.Prevent));
        Assert.Equal(detect, list.Items.Count(i => i.Perspective == Perspective.Detect));
        Assert.Equal(correct, list.Items.Count(i => i.Perspective == Perspective.Correct));
    }

    [Fact]
    public void The_staff_list_has_ten_items_without_perspective()
    {
        var staff = Catalog.FindChecklist("staff")!;
        Assert.Contains("医療従事者", staff.Title);
        Assert.False(staff.HasPerspectives);
        Assert.Equal(10, staff.Items.Count);
        Assert.All(staff.Items, i => Assert.Null(i.Perspective));
    }

    [Fact]
    public void Online_qualification_is_only_for_facilities_that_do_it()
    {
        Assert.Equal("online-qualification", Catalog.FindChecklist("online-qualification")!.Requires);
        Assert.All(Catalog.Checklists.Where(c => c.Key != "online-qualification"), c => Assert.Null(c.Requires));
    }

    [Fact]
    public void Item_numbers_run_from_one_without_gaps()
    {
        Assert.All(Catalog.Checklists, list =>
            Assert.Equal(Enumerable.Range(1, list.Items.Count), list.Items.Select(i => i.Number)));
    }

    /// <summary>
    /// Every sentence users read: item texts, guidance, definitions, introduction, how-to-use, result notes.
    /// Titles are checked separately: the form's titles and the guidelines' official names set the audience or
    /// edition apart with a space (「経営層向け サイバー…」「ガイドライン 第5.1版」).
    /// </summary>
    public static TheoryData<string, string> AllTexts()
    {
        var data = new TheoryData<string, string>();
        void Add(string where, string? text)
        {
            if (!string.IsNullOrEmpty(text))
            {
                data.Add(where, text);
            }
        }
        Add("catalog result note", Catalog.ResultNote);
        foreach (var (p, i) in Catalog.Introduction.Select((p, i) => (p, i)))
        {
            Add($"introduction {i + 1}", p);
        }
        foreach (var p in Catalog.Perspectives)
        {
            Add($"definition of {p.Label}", p.Definition);
        }
        foreach (var list in Catalog.Checklists)
        {
            Add($"{list.Key} result note", list.ResultNote);
            foreach (var (p, i) in list.Purpose.Select((p, i) => (p, i)))
            {
                Add($"{list.Key} purpose {i + 1}", p);
            }
            foreach (var (p, i) in list.HowToUse.Select((p, i) => (p, i)))
            {
                Add($"{list.Key} how to use {i + 1}", p);
            }
            foreach (var item in list.Items)
            {
                Add($"{list.Key} item {item.Number}", item.Text);
                Add($"{list.Key} item {item.Number} guidance", item.Guidance);
            }
        }
        return data;
    }

    [Fact]
    public void The_surrounding_text_users_need_is_carried()
    {
        Assert.Contains(Catalog.Introduction, p => p.Contains("本チェックリストは", StringComparison.Ordinal));
        Assert.Contains(Catalog.Guidelines, g => g.Title.StartsWith("医療情報システムの安全管理に関するガイドライン", StringComparison.Ordinal));
        Assert.All(Catalog.Perspectives, p => Assert.EndsWith("必要な手続きを指す。", p.Definition, StringComparison.Ordinal));
        Assert.All(Catalog.Checklists, list => Assert.NotEmpty(list.HowToUse));
    }

    public static TheoryData<string, string> Titles() =>
        new(Catalog.Checklists.Select(c => ($"{c.Key} title", c.Title))
            .Concat(Catalog.Guidelines.Select(g => ("guideline", g.Title)))
            .Append(("catalog title", Catalog.Title)));

    [Theory]
    [MemberData(nameof(Titles))]
    public void Titles_carry_none_of_the_OCR_defects(string where, string title)
    {
        Assert.False(HalfWidthKatakana().IsMatch(title), $"{where}: half-width katakana");
        Assert.DoesNotContain('\uFFFD', title);
        Assert.DoesNotContain("  ", title, StringComparison.Ordinal);
        Assert.Equal(title.Trim(), title);
    }

    [Theory]
    [MemberData(nameof(AllTexts))]
    public void Texts_carry_none_of_the_OCR_defects(string where, string text)
    {
        Assert.False(SpaceInsideJapanese().IsMatch(text), $"{where}: ASCII space between Japanese characters: {SpaceInsideJapanese().Match(text).Value}");
        Assert.False(HalfWidthKatakana().IsMatch(text), $"{where}: half-width katakana");
        Assert.DoesNotContain('\uFFFD', text);
        Assert.DoesNotContain("數", text, StringComparison.Ordinal);
        Assert.DoesNotContain("バターン", text, StringComparison.Ordinal);
        Assert.Equal(text.Trim(), text);
    }

    [Fact]
    public void The_text_checks_would_catch_the_seeds_defects()
    {
        Assert.Matches(SpaceInsideJapanese(), "医療情報 システム");
        Assert.Matches(SpaceInsideJapanese(), "ログ 。");
        Assert.DoesNotMatch(SpaceInsideJapanese(), "ガイドライン Ver 2.0");
        Assert.Matches(HalfWidthKatakana(), "ｼｽﾃﾑ");
    }

    // Hiragana, katakana (with ー), CJK ideographs and Japanese punctuation on both sides of a plain space.
    [GeneratedRegex(@"[\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF0F\uFF1A-\uFF20] +[\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF0F\uFF1A-\uFF20]")]
    private static partial Regex SpaceInsideJapanese();

    [GeneratedRegex(@"[\uFF61-\uFF9F]")]
    private static partial Regex HalfWidthKatakana();
}
