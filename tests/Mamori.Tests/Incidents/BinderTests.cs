using System.Net;
using Mamori.Accounts;
using Mamori.Incidents;
using Mamori.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Incidents;

/// <summary>The emergency binder as downloaded: the facility's own people and its latest network diagram, read back with poppler.</summary>
public abstract class BinderTests(MamoriApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_downloaded_binder_has_the_safety_manager_and_the_latest_png_diagram()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "バインダー病院");
        var admin = await App.AddUserAsync(Role.Admin, facility, "安全 管理子");
        using (var scope = App.Services.CreateScope())
        {
            var files = scope.ServiceProvider.GetRequiredService<FileService>();
            await files.AddDiagramAsync(Actor.System, facility, new Upload("old.svg", """<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>"""u8.ToArray()), Ct);
            await files.AddDiagramAsync(Actor.System, facility, new Upload("lan-2026.png", TestImages.Png(320, 200), Note: "原本は事務室の書庫"), Ct);
            await scope.ServiceProvider.GetRequiredService<ContactService>().SaveAsync(Actor.System, facility, null,
                new ContactInput("internal", "代理 花子", "医療情報システム安全管理責任者", true, null, null, null, null, null, null, null, null), Ct);
        }
        using var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(admin);
        using var response = await browser.Client.GetAsync($"/facilities/{facility}/binder.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = System.Text.RegularExpressions.Regex.Replace(await PdfText.ExtractAsync(pdf), @"\s", "");
        Assert.Contains("安全管理子（医療情報システム安全管理責任者（Mamoriの管理者））", text);
        Assert.Contains("代理：代理花子", text);
        Assert.Contains("担当者：未登録", text);
        Assert.Contains("電話：未登録", text);
        Assert.Contains("lan-2026.png（第2版", text);
        Assert.Contains("原本は事務室の書庫", text);
        Assert.DoesNotContain("〓", text);
        Assert.Equal([(320, 200)], await PdfText.ImagesAsync(pdf));
    }
}

public sealed class SqliteBinderTests(SqliteApp app) : BinderTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBinderTests(PostgresApp app) : BinderTests(app), IClassFixture<PostgresApp>;
