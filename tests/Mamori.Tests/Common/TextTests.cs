using Mamori.Common;

namespace Mamori.Tests.Common;

public sealed class TextTests
{
    [Fact]
    public void Required_trims_the_value() =>
        Assert.Equal("山田 太郎", Text.Required("  山田 太郎\u3000 ", 100, "respondent", "記入者"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Required_refuses_blank_input_in_Japanese(string? value)
    {
        var e = Assert.Throws<InvalidInputException>(() => Text.Required(value, 100, "respondent", "記入者"));
        Assert.Equal("記入者を入力してください。", e.Message);
        Assert.Equal("respondent", e.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Optional_turns_blank_into_null(string? value) =>
        Assert.Null(Text.Optional(value, 10, "memo", "メモ"));

    [Fact]
    public void Length_limit_counts_the_trimmed_text()
    {
        Assert.Equal(new string('あ', 5), Text.Required(" " + new string('あ', 5) + " ", 5, "name", "氏名"));
        var e = Assert.Throws<InvalidInputException>(() => Text.Required(new string('あ', 6), 5, "name", "氏名"));
        Assert.Equal("氏名は5文字以内で入力してください。", e.Message);
    }

    [Theory]
    [InlineData("a\u0007b")]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\tb")]
    [InlineData("a\u0085b")]
    public void Single_line_fields_refuse_control_characters(string value)
    {
        var e = Assert.Throws<InvalidInputException>(() => Text.Optional(value, 100, "name", "氏名"));
        Assert.Equal("氏名に使用できない文字が含まれています。", e.Message);
    }

    [Fact]
    public void Multiline_fields_keep_line_breaks_and_tabs_but_not_other_control_characters()
    {
        Assert.Equal("一行目\r\n二行目\tです", Text.Optional("一行目\r\n二行目\tです", 100, "memo", "メモ", multiline: true));
        Assert.Throws<InvalidInputException>(() => Text.Optional("a\u001bb", 100, "memo", "メモ", multiline: true));
    }

    // A fact, not a theory: theory data is serialized as UTF-8, which would replace the lone surrogates.
    [Fact]
    public void Broken_surrogates_are_refused()
    {
        Assert.All(["\ud800", "a\udc00b", "\udc00\ud800", "末尾\ud83d"], value =>
            Assert.Throws<InvalidInputException>(() => Text.Optional(value, 100, "memo", "メモ")));
    }

    [Fact]
    public void Characters_outside_the_BMP_are_kept() =>
        Assert.Equal("𠮷野家 😀", Text.Optional("𠮷野家 😀", 100, "name", "氏名"));
}
