using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace OneGo.Web.Features.Licenses;

/// <summary>What the face of a license shows: exactly the signed data, with the holder as the public may see it.</summary>
public sealed record LicenseFace(
    string Title,
    string Identifier,
    string HolderName,
    string HolderCode,
    string IssuerName,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    string VerificationUrl);

/// <summary>
/// Renders a license as a one-page A4 PDF (PDFsharp 6.2.4): the title, the standard fields and the type-specific
/// ones, the issuing department and date, the identifier, and a QR code (vector squares — PDFsharp rejects PNG) that
/// opens the public verification page. Chinese is set in the embedded Droid Sans Fallback face, which has no Latin
/// letters or digits, so every string is drawn in runs: CJK in Droid, the rest in DejaVu Sans. Both are embedded with
/// Unicode (Identity-H) encoding, so the text can be searched and extracted.
/// </summary>
public static class LicensePdf
{
    private const string CjkFamily = "OneGo CJK";
    private const string LatinFamily = "OneGo Latin";
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static byte[] Render(LicenseFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        InstallFonts();
        using var document = new PdfDocument();
        document.Info.Title = face.Title + " " + face.Identifier;
        document.Info.Author = face.IssuerName;
        document.Info.Creator = "OneGo 一件事一次办";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            Draw(new Writer(gfx), face, page.Width.Point, page.Height.Point);
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Draw(Writer w, LicenseFace face, double width, double height)
    {
        var red = new XSolidBrush(XColor.FromArgb(200, 16, 46));
        var gray = new XSolidBrush(XColor.FromArgb(89, 89, 89));
        const double margin = 56;
        var gfx = w.Graphics;

        // A double frame, as on paper licenses.
        gfx.DrawRectangle(new XPen(red.Color, 3), margin - 20, margin - 20, width - 2 * (margin - 20), height - 2 * (margin - 20));
        gfx.DrawRectangle(new XPen(red.Color, 0.8), margin - 14, margin - 14, width - 2 * (margin - 14), height - 2 * (margin - 14));

        w.Centred("电子证照", 11, gray, width / 2, margin);
        w.Centred(face.Title, 26, red, width / 2, margin + 22);

        var rows = new List<KeyValuePair<string, string>>
        {
            new("持证主体", face.HolderName),
            new("持证主体代码", face.HolderCode),
        };
        rows.AddRange(face.Fields);
        rows.Add(new("颁发机构", face.IssuerName));
        rows.Add(new("颁发日期", face.IssuedOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)));
        rows.Add(new("有效期至", face.ValidUntil?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? "长期"));

        var y = margin + 90;
        const double labelWidth = 110;
        var valueWidth = width - 2 * margin - labelWidth - 20;
        foreach (var (key, text) in rows)
        {
            w.Text(key, 11, gray, margin + 10, y + 2);
            foreach (var line in w.Wrap(text, 13, valueWidth))
            {
                w.Text(line, 13, XBrushes.Black, margin + 10 + labelWidth, y);
                y += 22;
            }
            gfx.DrawLine(new XPen(XColor.FromArgb(229, 230, 235), 0.5), margin + 10, y + 2, width - margin - 10, y + 2);
            y += 10;
        }

        // The QR code at the foot, then the identifier and the verification address across the full width.
        const double qrSize = 110;
        var foot = height - margin - 30;
        var qrTop = foot - qrSize - 64;
        var qrLeft = width - margin - qrSize - 6;
        DrawQr(gfx, face.VerificationUrl, qrLeft, qrTop, qrSize);
        w.Centred("扫码核验", 9, gray, qrLeft + qrSize / 2, qrTop + qrSize + 2);
        w.Text("本证照以颁发机构的 SM2 数字签名签发，扫描二维码或访问下方地址核验真伪。", 9, gray, margin + 10, qrTop + qrSize - 12);
        w.Text("证照标识：" + face.Identifier, 9, XBrushes.Black, margin + 10, foot - 44);
        var address = foot - 28;
        foreach (var line in w.Wrap("核验地址：" + face.VerificationUrl, 9, width - 2 * margin - 20))
        {
            w.Text(line, 9, XBrushes.Black, margin + 10, address);
            address += 13;
        }
    }

    private static void DrawQr(XGraphics gfx, string url, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix[row].Length; column++)
            {
                if (matrix[row][column])
                {
                    gfx.DrawRectangle(XBrushes.Black, x + column * module, y + row * module, module, module);
                }
            }
        }
    }

    /// <summary>Draws and measures mixed Chinese and Latin text in runs, each in the face that has its glyphs.</summary>
    private sealed class Writer(XGraphics gfx)
    {
        private readonly Dictionary<(bool Cjk, double Size), XFont> _fonts = [];

        public XGraphics Graphics => gfx;

        public double Width(string text, double size) => Runs(text).Sum(r => gfx.MeasureString(r.Text, Font(r.Cjk, size)).Width);

        public void Text(string text, double size, XBrush brush, double x, double y)
        {
            foreach (var run in Runs(text))
            {
                var font = Font(run.Cjk, size);
                // On a common baseline: the two faces have different ascents, so top-aligned runs would jump.
                gfx.DrawString(run.Text, font, brush, new XPoint(x, y + size * 0.9), XStringFormats.BaseLineLeft);
                x += gfx.MeasureString(run.Text, font).Width;
            }
        }

        public void Centred(string text, double size, XBrush brush, double centre, double y) => Text(text, size, brush, centre - Width(text, size) / 2, y);

        /// <summary>Breaks a value into lines that fit (by character: Chinese has no spaces to break at).</summary>
        public List<string> Wrap(string text, double size, double width)
        {
            var lines = new List<string>();
            var line = new System.Text.StringBuilder();
            foreach (var c in text)
            {
                line.Append(c);
                if (line.Length > 1 && Width(line.ToString(), size) > width)
                {
                    line.Length--;
                    lines.Add(line.ToString());
                    line.Clear().Append(c);
                }
            }
            lines.Add(line.ToString());
            return lines;
        }

        private XFont Font(bool cjk, double size)
        {
            if (!_fonts.TryGetValue((cjk, size), out var font))
            {
                font = new XFont(cjk ? CjkFamily : LatinFamily, size, XFontStyleEx.Regular, Unicode);
                _fonts[(cjk, size)] = font;
            }
            return font;
        }

        private static IEnumerable<(string Text, bool Cjk)> Runs(string text)
        {
            var start = 0;
            for (var i = 1; i <= text.Length; i++)
            {
                if (i == text.Length || IsCjk(text[i]) != IsCjk(text[start]))
                {
                    yield return (text[start..i], IsCjk(text[start]));
                    start = i;
                }
            }
        }

        // DejaVu covers Latin, Greek, Cyrillic and general punctuation; CJK symbols, ideographs and full-width forms go to Droid.
        private static bool IsCjk(char c) => c >= '\u2E80';
    }

    private static void InstallFonts()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
                _installed = true;
            }
        }
    }

    /// <summary>The two embedded faces: DejaVu Sans for the Latin family, Droid Sans Fallback for everything else.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private const string Cjk = "DroidSansFallbackFull";
        private const string Latin = "DejaVuSans";
        private static readonly Lazy<byte[]> CjkFont = new(() => Load(Cjk));
        private static readonly Lazy<byte[]> LatinFont = new(() => Load(Latin));

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(familyName == LatinFamily ? Latin : Cjk, bold, italic);

        public byte[] GetFont(string faceName) => faceName == Latin ? LatinFont.Value : CjkFont.Value;

        private static byte[] Load(string face)
        {
            using var stream = typeof(LicensePdf).Assembly.GetManifestResourceStream($"OneGo.Fonts.{face}.ttf")
                ?? throw new InvalidOperationException($"The embedded font {face} is missing from the assembly");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
