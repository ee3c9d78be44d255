using OneGo.Domain.Identifiers;

namespace OneGo.Domain.Tests.Identifiers;

public class LicenseIdentifierTests
{
    // Real identifiers from production systems (standards.md §3).
    private const string Real1 = "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U";
    private const string Real2 = "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0";

    [Theory]
    [InlineData(Real1, "11100000000013338W011", "11430000006122244L", "20230000403", 1, 'U')]
    [InlineData(Real2, "11100000000013338W009", "11330105002500287C", "2025052201", 2, '0')]
    public void TryParse_AcceptsRealIdentifiers(string input, string type, string issuer, string serial, int version, char check)
    {
        Assert.True(LicenseIdentifier.TryParse(input, out var id, out var error));

        Assert.Equal(string.Empty, error);
        Assert.NotNull(id);
        Assert.Equal(type, id.TypeCode);
        Assert.Equal(issuer, id.IssuerCode);
        Assert.Equal(serial, id.Serial);
        Assert.Equal(version, id.Version);
        Assert.Equal(check, id.Check);
        Assert.Equal(input, id.ToString());
    }

    [Theory]
    [InlineData("11100000000013338W01111430000006122244L20230000403001", 'U')]
    [InlineData("11100000000013338W00911330105002500287C2025052201002", '0')]
    public void ComputeCheckCharacter_FollowsIso7064Mod37_36(string body, char expected) =>
        Assert.Equal(expected, LicenseIdentifier.ComputeCheckCharacter(body));

    [Fact]
    public void TryParse_NormalisesCaseAndWhitespace()
    {
        Assert.True(LicenseIdentifier.TryParse("  " + Real1.ToLowerInvariant() + " ", out var id, out _));
        Assert.Equal(Real1, id!.ToString());
    }

    [Theory]
    // One character of the serial changed: 20230000403 → 20230000413.
    [InlineData("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000413.001.U", "证照标识校验位错误，应为")]
    // Version changed without recomputing the check.
    [InlineData("1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.001.0", "证照标识校验位错误，应为")]
    [InlineData(null, "证照标识不能为空")]
    [InlineData("1.2.156.3005.1.11100000000013338W011.11430000006122244L.20230000403.001.U", "证照标识应以1.2.156.3005.2.开头")]
    [InlineData("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.U", "证照标识在1.2.156.3005.2.之后应有五段")]
    [InlineData("1.2.156.3005.2.11100000000013338W01.11430000006122244L.20230000403.001.U", "证照类型代码应为21位，当前为20位")]
    [InlineData("1.2.156.3005.2.11100000000013338A011.11430000006122244L.20230000403.001.U", "证照类型代码前18位应为设立机关的统一社会信用代码：统一社会信用代码校验位错误，应为W")]
    [InlineData("1.2.156.3005.2.11100000000013338W0A1.11430000006122244L.20230000403.001.U", "证照类型代码后3位应为数字")]
    [InlineData("1.2.156.3005.2.11100000000013338W011.11430000006122244M.20230000403.001.U", "颁发机构代码应为统一社会信用代码：统一社会信用代码校验位错误，应为L")]
    [InlineData("1.2.156.3005.2.11100000000013338W011.11430000006122244L..001.U", "证照流水号不能为空")]
    [InlineData("1.2.156.3005.2.11100000000013338W011.11430000006122244L.2023-0403.001.U", "证照流水号只能包含数字和大写字母")]
    [InlineData("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.01.U", "证照版本号应为3位数字")]
    [InlineData("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.000.U", "证照版本号应从001开始")]
    [InlineData("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.UU", "证照标识校验位应为1位数字或大写字母")]
    public void TryParse_SaysWhatIsWrong(string? input, string expectedErrorStart)
    {
        Assert.False(LicenseIdentifier.TryParse(input, out var id, out var error));

        Assert.Null(id);
        Assert.StartsWith(expectedErrorStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ComputesTheCheckAndRoundTrips()
    {
        var id = LicenseIdentifier.Create("11100000000013338W011", "11430000006122244L", "20230000403", 1);

        Assert.Equal('U', id.Check);
        Assert.Equal(Real1, id.ToString());
        Assert.True(LicenseIdentifier.TryParse(id.ToString(), out var parsed, out _));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void WithNextVersion_KeepsTheLicenseAndRecomputesTheCheck()
    {
        var first = LicenseIdentifier.Create("11100000000013338W009", "11330105002500287C", "2025052201", 1);

        var reissued = first.WithNextVersion();

        Assert.Equal(2, reissued.Version);
        Assert.Equal(Real2, reissued.ToString());
    }

    [Fact]
    public void WithNextVersion_StopsAt999()
    {
        var last = LicenseIdentifier.Create("11100000000013338W009", "11330105002500287C", "2025052201", 999);

        Assert.Throws<InvalidOperationException>(last.WithNextVersion);
    }

    [Theory]
    [InlineData("11100000000013338W01", "11430000006122244L", "20230000403", 1)]
    [InlineData("11100000000013338W011", "11430000006122244M", "20230000403", 1)]
    [InlineData("11100000000013338W011", "11430000006122244L", "", 1)]
    [InlineData("11100000000013338W011", "11430000006122244L", "20230000403", 0)]
    [InlineData("11100000000013338W011", "11430000006122244L", "20230000403", 1000)]
    public void Create_RejectsInvalidParts(string type, string issuer, string serial, int version) =>
        Assert.ThrowsAny<ArgumentException>(() => LicenseIdentifier.Create(type, issuer, serial, version));

    [Fact]
    public void Constructor_RejectsAWrongCheck() =>
        Assert.Throws<ArgumentException>(
            () => new LicenseIdentifier("11100000000013338W011", "11430000006122244L", "20230000403", 1, 'V'));
}
