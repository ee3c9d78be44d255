using System.Text;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Licenses;

namespace OneGo.Web.Tests.Licenses;

/// <summary>The canonical bytes a department signs: fixed order, no whitespace, Chinese unescaped, round trip.</summary>
public class LicenseDocumentTests
{
    // 出生医学证明 issued by the county's health commission (demo credit code from the catalog).
    private const string TypeCode = "11100000000013338W011";
    private const string Issuer = "11360732MB0001000L";

    private static LicenseDocument Birth() => new()
    {
        Name = "出生医学证明",
        TypeCode = TypeCode,
        Identifier = LicenseIdentifier.Create(TypeCode, Issuer, "20260000001", 1),
        Issuer = "兴国县卫生健康委员会",
        IssuerCode = Issuer,
        IssuedOn = new DateOnly(2026, 9, 24),
        Holder = "张小明",
        HolderCode = "360732202609240011",
        HolderCodeType = LicenseDocument.HolderIsPerson,
        ValidFrom = new DateOnly(2026, 9, 24),
        ValidUntil = null,
        Fields = new Dictionary<string, string> { ["母亲姓名"] = "李红", ["出生地点"] = "江西省赣州市兴国县", ["a\"quote"] = "x<y>&'" },
    };

    [Fact]
    public void CanonicalBytes_HaveTheFixedFormat()
    {
        var text = Encoding.UTF8.GetString(Birth().ToCanonicalBytes());

        var identifier = LicenseIdentifier.Create(TypeCode, Issuer, "20260000001", 1);
        Assert.Equal(
            "{\"ZZMC\":\"出生医学证明\",\"ZZLXDM\":\"11100000000013338W011\",\"ZZBS\":\"" + identifier + "\"," +
            "\"ZZBFJG\":\"兴国县卫生健康委员会\",\"ZZBFJGDM\":\"11360732MB0001000L\",\"ZZBFRQ\":\"2026-09-24\"," +
            "\"CZZT\":\"张小明\",\"CZZTDM\":\"360732202609240011\",\"CZZTDMLX\":\"111\",\"ZZYXQQSRQ\":\"2026-09-24\",\"ZZYXQJZRQ\":null," +
            "\"fields\":{\"a\\\"quote\":\"x<y>&'\",\"出生地点\":\"江西省赣州市兴国县\",\"母亲姓名\":\"李红\"}}",
            text);
    }

    [Fact]
    public void CanonicalBytes_AreStable()
    {
        var reordered = Birth() with
        {
            Fields = new Dictionary<string, string> { ["a\"quote"] = "x<y>&'", ["母亲姓名"] = "李红", ["出生地点"] = "江西省赣州市兴国县" },
        };

        Assert.Equal(Birth().ToCanonicalBytes(), Birth().ToCanonicalBytes());
        Assert.Equal(Birth().ToCanonicalBytes(), reordered.ToCanonicalBytes());
    }

    [Fact]
    public void CanonicalBytes_RoundTrip()
    {
        var document = Birth() with { ValidUntil = new DateOnly(2036, 9, 23), HolderCodeType = LicenseDocument.HolderIsPerson };
        var bytes = document.ToCanonicalBytes();

        var read = LicenseDocument.FromCanonicalBytes(bytes);

        Assert.Equal(bytes, read.ToCanonicalBytes());
        Assert.Equal(document.Identifier, read.Identifier);
        Assert.Equal(new DateOnly(2036, 9, 23), read.ValidUntil);
        Assert.Equal("李红", read.Fields["母亲姓名"]);
        Assert.Equal(document with { Fields = read.Fields }, read);
    }

    [Theory]
    [InlineData(" ")] // whitespace
    [InlineData("\\u51FA")] // an escaped Chinese character
    public void NonCanonicalBytes_AreRefused(string change)
    {
        var text = Encoding.UTF8.GetString(Birth().ToCanonicalBytes());
        var altered = change == " " ? text.Replace(",\"ZZLXDM\"", ", \"ZZLXDM\"", StringComparison.Ordinal) : text.Replace("出", change, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => LicenseDocument.FromCanonicalBytes(Encoding.UTF8.GetBytes(altered)));
    }

    [Fact]
    public void AnInconsistentDocument_IsNotSerialised()
    {
        var wrongIssuer = Birth() with { IssuerCode = "11360732MB0001037D" };
        var wrongHolderType = Birth() with { HolderCodeType = "999" };

        Assert.Contains("颁发机构代码", Assert.Throws<InvalidOperationException>(() => wrongIssuer.ToCanonicalBytes()).Message);
        Assert.Contains("持证主体代码类型", wrongHolderType.Check());
    }
}
