using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mamori.Accounts;
using Mamori.Incidents;
using Mamori.Tests.Fixtures;

namespace Mamori.Tests.Security;

/// <summary>
/// Uploads over their limit answer 413 naming the limit in MB; a network diagram that could run script (SVG with
/// script, handlers, javascript: links or foreignObject) is refused, and one named as PDF/PNG/JPEG must be that format.
/// </summary>
public abstract class HostileUploadTests(MamoriApp app) : IntegrationTest(app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private async Task<(Guid Facility, Browser Admin)> AdminAsync()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "添付確認病院");
        var browser = new Browser(App.CreateClient());
        await browser.SignInAsync(await App.AddUserAsync(Role.Admin, facility, "安全 管理者"));
        return (facility, browser);
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, string pageUrl, string formSelector, string fileName, byte[] bytes,
        Dictionary<string, string>? fields = null, string contentType = "application/octet-stream")
    {
        var page = await browser.GetAsync(pageUrl);
        var form = page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"no {formSelector} on {pageUrl}");
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }
        foreach (var (key, value) in fields ?? [])
        {
            content.Add(new StringContent(value), key);
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "file", fileName);
        return await browser.Client.PostAsync(form.GetAttribute("action"), content, Ct);
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
            Assert.Contains(text, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Oversized_evidence_and_diagrams_answer_413_with_the_limit_in_MB()
    {
        var (facility, admin) = await AdminAsync();
        using var _ = admin;
        var incident = await (await App.AdminApiAsync()).CreateIncidentAsync(facility);
        await ExpectAsync(await UploadAsync(admin, $"/incidents/{incident}", "#evidence-form", "disk.img", new byte[FileService.EvidenceMaxBytes + 1],
            new() { ["collectedFrom"] = "サーバー" }), HttpStatusCode.RequestEntityTooLarge, "25MB");
        await ExpectAsync(await UploadAsync(admin, $"/facilities/{facility}/preparedness", "#diagram-form", "huge.png", [.. Png, .. new byte[FileService.DiagramMaxBytes]]),
            HttpStatusCode.RequestEntityTooLarge, "10MB");
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect ONCLICK=\"alert(1)\" width=\"1\" height=\"1\"/></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"java&#x09;script:alert(1)\"><text>x</text></a></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\" JavaScript:alert(1)\"><text>x</text></a></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject></svg>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>")]
    public async Task An_svg_diagram_that_could_run_script_is_refused_with_a_message_saying_so(string svg)
    {
        var (facility, admin) = await AdminAsync();
        using var _ = admin;
        await ExpectAsync(await UploadAsync(admin, $"/facilities/{facility}/preparedness", "#diagram-form", "lan.svg", Encoding.UTF8.GetBytes(svg), contentType: "image/svg+xml"),
            HttpStatusCode.BadRequest, "スクリプト");
    }

    [Fact]
    public async Task A_plain_svg_diagram_is_still_accepted()
    {
        var (facility, admin) = await AdminAsync();
        using var _ = admin;
        var svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"#core\"><rect id=\"core\" width=\"10\" height=\"10\" fill=\"#336\"/></a><text x=\"1\" y=\"9\">電子カルテ</text></svg>";
        using var response = await UploadAsync(admin, $"/facilities/{facility}/preparedness", "#diagram-form", "lan.svg", Encoding.UTF8.GetBytes(svg), contentType: "image/svg+xml");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("lan.pdf", "application/pdf")]
    [InlineData("lan.png", "image/png")]
    [InlineData("lan.jpg", "image/jpeg")]
    [InlineData("lan.dat", "application/pdf")]
    public async Task A_diagram_claiming_pdf_png_or_jpeg_must_start_with_its_magic_bytes(string name, string type)
    {
        var (facility, admin) = await AdminAsync();
        using var _ = admin;
        // HTML with an SVG inside passes a look for <svg>, but it is not what it claims to be.
        var html = "<!-- diagram --><html><body><svg xmlns=\"http://www.w3.org/2000/svg\"></svg><p>x</p></body></html>"u8.ToArray();
        await ExpectAsync(await UploadAsync(admin, $"/facilities/{facility}/preparedness", "#diagram-form", name, html, contentType: type), HttpStatusCode.BadRequest, "形式");
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0 };
        using var accepted = await UploadAsync(admin, $"/facilities/{facility}/preparedness", "#diagram-form", "photo.jpg", jpeg, contentType: "image/jpeg");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }
}

public sealed class SqliteHostileUploadTests(SqliteApp app) : HostileUploadTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresHostileUploadTests(PostgresApp app) : HostileUploadTests(app), IClassFixture<PostgresApp>;
