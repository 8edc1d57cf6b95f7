using System.Globalization;

namespace Mamori.Tests.Fixtures;

/// <summary>Exports read back with an independent RFC 4180 parser (CsvHelper), the way a spreadsheet reads them.</summary>
public static class CsvReader
{
    public static List<List<string>> Parse(string text)
    {
        using var reader = new CsvHelper.CsvParser(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add([.. reader.Record ?? []]);
        }
        return rows;
    }
}
