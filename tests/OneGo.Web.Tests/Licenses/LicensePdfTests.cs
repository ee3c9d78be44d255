using OneGo.Domain.Identifiers;
using OneGo.Web.Features.Licenses;

namespace OneGo.Web.Tests.Licenses;

/// <summary>
/// The license PDF read back with Debian's tools, as a verifier would: its text (poppler's <c>pdftotext</c>) and its QR
/// code (rendered by <c>pdftoppm</c>, decoded by <c>zbarimg</c>). The test command installs both; missing, these fail.
/// </summary>
public sealed class LicensePdfTests
{
    private static readonly string Identifier = LicenseIdentifier.Create("11100000MB0002026T001", "11360732MB00011852", "202609240001", 1).ToString();

    private static LicenseFace Face(string url) => new(
        "结婚证",
        Identifier,
        "张*",
        "3607**********1015",
        "兴国县民政局",
        new DateOnly(2026, 9, 24),
        null,
        [new("结婚证字号", "J360732-2026-000123"), new("登记机关", "兴国县民政局婚姻登记处")],
        url);

    [Fact]
    public void The_pdf_is_one_A4_page_whose_text_holds_the_identifier_the_masked_holder_and_the_fields()
    {
        var pdf = LicensePdf.Render(Face("http://127.0.0.1:5080/verify/" + Identifier));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);

        using var folder = new TempFolder();
        var file = folder.Write("license.pdf", pdf);
        var info = Tools.Run("pdfinfo", file);
        Assert.Matches(@"(?m)^Pages:\s+1$", info);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(info, @"(?m)^Page size:\s+59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)"), info);

        var text = Tools.Run("pdftotext", "-layout", file, "-");
        Assert.True(text.Contains(Identifier, StringComparison.Ordinal), text);
        Assert.Contains("张*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        Assert.Contains("结婚证", text, StringComparison.Ordinal);
        Assert.Contains("J360732-2026-000123", text, StringComparison.Ordinal);
        Assert.Contains("兴国县民政局", text, StringComparison.Ordinal);
        Assert.Contains("2026年9月24日", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_QR_code_decodes_to_the_verification_address()
    {
        var url = "https://xingguo.example.gov.cn/verify/" + Identifier;
        using var folder = new TempFolder();
        var file = folder.Write("license.pdf", LicensePdf.Render(Face(url)));
        Tools.Run("pdftoppm", "-r", "200", "-png", "-singlefile", file, Path.Combine(folder.Path, "page"));
        var decoded = Tools.Run("zbarimg", "--raw", "-q", Path.Combine(folder.Path, "page.png")).Trim();
        Assert.Equal(url, decoded);
        Artifacts.Keep(Path.Combine(folder.Path, "page.png"), "license-pdf.png");
    }

    [Fact]
    public void A_long_value_wraps_instead_of_running_off_the_page()
    {
        var face = Face("http://127.0.0.1:5080/verify/" + Identifier) with
        {
            Fields = [new("经营范围", string.Concat(Enumerable.Repeat("餐饮服务；食品销售；", 12)))],
        };
        using var folder = new TempFolder();
        var text = Tools.Run("pdftotext", "-layout", folder.Write("license.pdf", LicensePdf.Render(face)), "-");
        var lines = text.Split('\n').Where(l => l.Contains("餐饮服务", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 3, text);
    }
}
