using System.Text;
using Mamori.Common;

namespace Mamori.Tests.Common;

public sealed class CsvTests
{
    private static string Line(params string?[] cells)
    {
        var bytes = new Csv().Row(cells).ToBytes();
        return Encoding.UTF8.GetString(bytes.AsSpan(3));
    }

    [Fact]
    public void Starts_with_the_UTF8_byte_order_mark_so_Excel_reads_Japanese()
    {
        var bytes = new Csv().Row("チェック欄", "○").ToBytes();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("チェック欄,○\r\n", Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    [Fact]
    public void Rows_end_with_CRLF_and_null_is_an_empty_cell() =>
        Assert.Equal("a,,b\r\nc\r\n", Encoding.UTF8.GetString(new Csv().Row("a", null, "b").Row("c").ToBytes().AsSpan(3)));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("line1\r\nline2", "\"line1\r\nline2\"")]
    [InlineData("", "")]
    public void Quotes_cells_as_RFC_4180_says(string cell, string expected) =>
        Assert.Equal(expected + "\r\n", Line(cell));

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+81-3-0000", "'+81-3-0000")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData("a=b", "a=b")]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_defused(string cell, string expected) =>
        Assert.Equal(expected + "\r\n", Line(cell));
}
