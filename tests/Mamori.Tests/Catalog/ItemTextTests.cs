using Mamori.Catalog;

namespace Mamori.Tests.Catalog;

public sealed class ItemTextTests
{
    private static readonly ChecklistCatalog Catalog = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")!;

    [Fact]
    public void Executive_item_1_is_a_sentence_and_a_list_of_six_bullets()
    {
        var blocks = ItemText.Parse(Catalog.FindChecklist("executive")!.FindItem(1)!.Text);
        Assert.Equal([TextBlockKind.Paragraph, TextBlockKind.Bullets], blocks.Select(b => b.Kind));
        Assert.Equal(6, blocks[1].Lines.Count);
        Assert.Equal("理念（基本方針と管理目的の表明）", blocks[1].Lines[0]);
        Assert.All(blocks[1].Lines, l => Assert.False(l.StartsWith('・'), l));
    }

    [Fact]
    public void Sysadmin_item_26_lists_its_password_rules_as_a_b_c()
    {
        var blocks = ItemText.Parse(Catalog.FindChecklist("sysadmin")!.FindItem(26)!.Text);
        var lettered = Assert.Single(blocks, b => b.Kind == TextBlockKind.Lettered);
        Assert.Equal(["a.", "b.", "c."], lettered.Lines.Select(l => l[..2]));
        Assert.Contains("13文字以上", lettered.Lines[0]);
        Assert.Equal(TextBlockKind.Paragraph, blocks[0].Kind);
    }

    [Fact]
    public void Lines_of_one_kind_form_one_list_and_blank_lines_are_dropped()
    {
        var blocks = ItemText.Parse("次を確認しているか\n・一つ目\n\n・二つ目\na. 甲\nb. 乙\n結び");
        Assert.Equal(
            [TextBlockKind.Paragraph, TextBlockKind.Bullets, TextBlockKind.Lettered, TextBlockKind.Paragraph],
            blocks.Select(b => b.Kind));
        Assert.Equal(["一つ目", "二つ目"], blocks[1].Lines);
        Assert.Equal(["a. 甲", "b. 乙"], blocks[2].Lines);
    }

    [Fact]
    public void A_middle_dot_inside_a_sentence_is_not_a_bullet()
    {
        var block = Assert.Single(ItemText.Parse("不要・不法なアクセスを防止しているか"));
        Assert.Equal(TextBlockKind.Paragraph, block.Kind);
    }

    [Fact]
    public void Consecutive_sentences_stay_separate_paragraphs() =>
        Assert.Equal(2, ItemText.Parse("一文目。\n二文目。").Count(b => b.Kind == TextBlockKind.Paragraph));

    [Fact]
    public void Flatten_puts_the_parts_on_one_line_and_keeps_the_markers() =>
        Assert.Equal("確認しているか ・甲 ・乙 a. 丙", ItemText.Flatten("確認しているか\n・甲\n ・乙 \n\na. 丙"));

    [Fact]
    public void Every_bullet_in_the_catalog_renders_as_a_list()
    {
        var items = Catalog.Checklists.SelectMany(c => c.Items.Select(i => (c.Key, i)));
        Assert.All(items, x =>
        {
            var paragraphs = ItemText.Parse(x.i.Text).Where(b => b.Kind == TextBlockKind.Paragraph).SelectMany(b => b.Lines);
            Assert.All(paragraphs, line =>
            {
                Assert.False(line.StartsWith('・'), $"{x.Key} {x.i.Number}: {line}");
                Assert.DoesNotMatch(@"^[a-z]\.\s", line);
            });
        });
    }
}
