using Microsoft.AspNetCore.Http.Extensions;
using QRCoder;

namespace OneGo.Web.Features.Guidance;

/// <summary>The QR code on the guide that opens the online application on a phone.</summary>
public static class ApplyQrCode
{
    /// <summary>
    /// The absolute address of <c>/apply/{code}</c> on the host the guide was requested from; ASCII only
    /// (punycode host, escaped path), so the QR code needs no UTF-8 mode and every scanner reads it.
    /// </summary>
    public static string ApplyUrl(HttpRequest request, string code)
    {
        ArgumentNullException.ThrowIfNull(request);
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, new PathString("/apply/" + code));
    }

    /// <summary>The QR code as an SVG element that scales to its container.</summary>
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
