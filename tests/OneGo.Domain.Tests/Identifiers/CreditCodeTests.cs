using OneGo.Domain.Identifiers;

namespace OneGo.Domain.Tests.Identifiers;

public class CreditCodeTests
{
    // 91350100M000100Y43: GB 32100-2015's worked example. The 11… codes are the real government codes
    // embedded in the production license identifiers of standards.md §3.
    [Theory]
    [InlineData("91350100M000100Y43", '9', '1', "350100")]
    [InlineData("11100000000013338W", '1', '1', "100000")]
    [InlineData("11430000006122244L", '1', '1', "430000")]
    [InlineData("11330105002500287C", '1', '1', "330105")]
    public void TryParse_AcceptsRealCodes(string input, char authority, char type, string area)
    {
        Assert.True(CreditCode.TryParse(input, out var code, out var error));

        Assert.Equal(string.Empty, error);
        Assert.Equal(input, code.Value);
        Assert.Equal(authority, code.RegistrationAuthority);
        Assert.Equal(type, code.OrganisationType);
        Assert.Equal(area, code.AreaCode);
    }

    [Theory]
    [InlineData("91350100M000100Y4", '3')]
    [InlineData("91360732MA3ABCDE1", 'N')]
    [InlineData("52360732MJD000001", '8')]
    [InlineData("91360700MA35F0000", 'B')]
    [InlineData("12360700491000000", '0')]  // 31 − 0 = 31 → '0'
    [InlineData("91360732000000000", '0')]
    public void ComputeCheckCharacter_FollowsGb32100(string first17, char expected)
    {
        Assert.Equal(expected, CreditCode.ComputeCheckCharacter(first17));
        Assert.True(CreditCode.TryParse(first17 + expected, out _, out _));
    }

    [Fact]
    public void TryParse_NormalisesCaseAndWhitespace()
    {
        Assert.True(CreditCode.TryParse(" 91350100m000100y43 ", out var code, out _));
        Assert.Equal("91350100M000100Y43", code.Value);
    }

    [Theory]
    [InlineData(null, "统一社会信用代码不能为空")]
    [InlineData("", "统一社会信用代码不能为空")]
    [InlineData("91350100M000100Y4", "统一社会信用代码应为18位，当前为17位")]
    [InlineData("91350100M000100Y44", "统一社会信用代码校验位错误，应为3")]
    [InlineData("91350100I000100Y43", "统一社会信用代码第9位“I”不是有效字符（只能使用数字和除I、O、S、V、Z以外的大写字母）")]
    [InlineData("91350100M000100Y4-", "统一社会信用代码第18位“-”不是有效字符（只能使用数字和除I、O、S、V、Z以外的大写字母）")]
    public void TryParse_SaysWhatIsWrong(string? input, string expectedError)
    {
        Assert.False(CreditCode.TryParse(input, out _, out var error));
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void Constructor_RejectsAnInvalidCode() =>
        Assert.Throws<ArgumentException>(() => new CreditCode("91350100M000100Y44"));
}
