using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>
/// A QR code as inline SVG, drawn on the server: one path of unit squares with a fill attribute (no style
/// attribute, which the content security policy would block), so it prints sharp at any size and needs nothing
/// from the internet.
/// </summary>
public static class QrSvg
{
    public static IHtmlContent For(string url, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }
        var svg = $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" role="img" aria-label="{System.Net.WebUtility.HtmlEncode(label)}"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>""";
        return new HtmlString(svg);
    }
}
