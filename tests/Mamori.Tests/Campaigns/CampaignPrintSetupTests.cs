using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Campaigns;

/// <summary>
/// The campaign's .xlsx files print as a hospital prints them, on A4 from Excel or LibreOffice: every sheet has a
/// print area, one page wide (as many long as needed), landscape when its columns are wide, the header row repeated.
/// (CampaignPrintTests in the end-to-end tests prints them with LibreOffice and counts the pages.)
/// </summary>
public abstract class CampaignPrintSetupTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Every_sheet_of_the_summary_and_the_responses_fits_the_page_width_with_its_header_repeated()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "印刷設定病院");
        var campaign = await CampaignSetup.NewAsync(App, facility, anonymous: false);
        var code = await CampaignSetup.CodeAsync(App, campaign.Id, "病棟");
        await CampaignSetup.SubmitAsync(App, code, "○○○○×○○○○○", respondent: "山田 花子");
        await CampaignSetup.SubmitAsync(App, code, "○×○○○○○○○○", respondent: "鈴木 次郎");
        var admin = await App.AddUserAsync(Role.Admin, facility, "印刷 管理者");
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);

        foreach (var (file, sheets) in new[] { ("summary.xlsx", 5), ("responses.xlsx", 1) })
        {
            using var response = await browser.Client.GetAsync($"/campaigns/{campaign.Id}/{file}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
            using var document = SpreadsheetDocument.Open(stream, false);
            var book = document.WorkbookPart!;
            var names = book.Workbook.DefinedNames?.Elements<DefinedName>().ToList() ?? [];
            var listed = book.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(sheets, listed.Count);
            for (var i = 0; i < listed.Count; i++)
            {
                var sheet = listed[i];
                var worksheet = ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet;
                var setup = worksheet.GetFirstChild<PageSetup>();
                Assert.True(setup is not null, $"{file} {sheet.Name}: no page setup");
                Assert.Equal(9u, setup.PaperSize?.Value); // A4
                Assert.Equal(1u, setup.FitToWidth?.Value);
                Assert.Equal(0u, setup.FitToHeight?.Value);
                Assert.True(worksheet.GetFirstChild<SheetProperties>()?.PageSetupProperties?.FitToPage?.Value, $"{file} {sheet.Name}: fit to page is off");
                var widths = worksheet.GetFirstChild<Columns>()!.Elements<Column>().Sum(c => c.Width!.Value);
                Assert.Equal(widths > 95 ? OrientationValues.Landscape : OrientationValues.Portrait, setup.Orientation?.Value);

                var columns = worksheet.GetFirstChild<Columns>()!.Elements<Column>().Count();
                var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Count();
                var area = names.SingleOrDefault(n => n.Name == "_xlnm.Print_Area" && n.LocalSheetId?.Value == (uint)i);
                Assert.True(area is not null, $"{file} {sheet.Name}: no print area");
                Assert.Equal($"'{sheet.Name}'!$A$1:${(char)('A' + columns - 1)}${rows}", area.Text);
                var titles = names.SingleOrDefault(n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId?.Value == (uint)i);
                Assert.Equal($"'{sheet.Name}'!$1:$1", titles?.Text);
            }
        }
        // The matrix of 13 columns is wide: it prints landscape.
        using var summary = await browser.Client.GetAsync($"/campaigns/{campaign.Id}/summary.xlsx", Ct);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await summary.Content.ReadAsByteArrayAsync(Ct)), false);
        var matrix = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "部門×項目");
        Assert.Equal(OrientationValues.Landscape, ((WorksheetPart)doc.WorkbookPart.GetPartById(matrix.Id!)).Worksheet.GetFirstChild<PageSetup>()!.Orientation!.Value);
    }
}

public sealed class SqliteCampaignPrintSetupTests(SqliteApp app) : CampaignPrintSetupTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCampaignPrintSetupTests(PostgresApp app) : CampaignPrintSetupTests(app), IClassFixture<PostgresApp>;
