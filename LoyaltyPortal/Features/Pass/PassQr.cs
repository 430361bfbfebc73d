using System.Net;
using QRCoder;

namespace LoyaltyPortal.Features.Pass;

/// <summary>Draws a pass token as an inline SVG QR code.</summary>
public static class PassQr
{
    /// <summary>
    /// Black on white with the four-module quiet zone, whatever the theme: scanners need the contrast and the margin.
    /// The SVG scales to its container (viewBox) and names itself for screen readers.
    /// </summary>
    public static string Svg(string token, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal) + "<svg".Length;
        return $"<svg role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\" focusable=\"false\"{svg[start..]}";
    }
}
