using Microsoft.AspNetCore.Html;
using QRCoder;

namespace Mamori.Web.Infrastructure;

/// <summary>QR codes drawn on the server as SVG: nothing fetched, and sharp on screen and on paper.</summary>
public static class QrCodes
{
    public static HtmlString Svg(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(new System.Drawing.Size(220, 220), "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        // An image role and a name, so a screen reader says what it is rather than reading out rectangles.
        return new HtmlString(svg.Replace("<svg ", $"<svg role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\" class=\"qr-code\" ", StringComparison.Ordinal));
    }
}
