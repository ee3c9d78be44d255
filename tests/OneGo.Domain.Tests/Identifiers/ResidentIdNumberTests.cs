using OneGo.Domain.Identifiers;

namespace OneGo.Domain.Tests.Identifiers;

public class ResidentIdNumberTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    // Check characters computed with GB 11643-1999's MOD 11-2; 11010519491231002X is the standard's own example.
    [Theory]
    [InlineData("360732199001010019", "360732", "1990-01-01", true)]
    [InlineData("360732198506150020", "360732", "1985-06-15", false)]
    [InlineData("360732200002291233", "360732", "2000-02-29", true)]   // leap day
    [InlineData("360732197512310049", "360732", "1975-12-31", false)]
    [InlineData("11010519491231002X", "110105", "1949-12-31", false)]
    public void TryParse_AcceptsValidNumbers(string input, string area, string birth, bool male)
    {
        Assert.True(ResidentIdNumber.TryParse(input, Today, out var id, out var error));

        Assert.Equal(string.Empty, error);
        Assert.Equal(input, id.Value);
        Assert.Equal(area, id.AreaCode);
        Assert.Equal(DateOnly.Parse(birth), id.BirthDate);
        Assert.Equal(male, id.IsMale);
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData("  11010519491231002X\t")]
    public void TryParse_NormalisesCaseAndWhitespace(string input)
    {
        Assert.True(ResidentIdNumber.TryParse(input, Today, out var id, out _));
        Assert.Equal("11010519491231002X", id.Value);
    }

    [Theory]
    [InlineData(null, "身份证号码不能为空")]
    [InlineData("   ", "身份证号码不能为空")]
    [InlineData("36073219900101001", "身份证号码应为18位，当前为17位")]
    [InlineData("3607321990010100190", "身份证号码应为18位，当前为19位")]
    [InlineData("36073219900101A019", "身份证号码前17位应为数字，第15位“A”不是数字")]
    [InlineData("36073219900101001Y", "身份证号码第18位应为数字或X")]
    [InlineData("360732199001010018", "身份证号码校验位错误，应为9")]
    [InlineData("36073219900101001X", "身份证号码校验位错误，应为9")]
    [InlineData("360732199002300018", "出生日期无效：19900230不是真实的日期")]  // check digit right, 30 February
    [InlineData("360732202506020014", "出生日期不能晚于今天")]                  // born the day after "today"
    [InlineData("360732189912310013", "出生日期无效：不能早于1900年1月1日")]
    public void TryParse_SaysWhatIsWrong(string? input, string expectedError)
    {
        Assert.False(ResidentIdNumber.TryParse(input, Today, out var id, out var error));

        Assert.Equal(expectedError, error);
        Assert.Equal(default, id);
    }

    [Fact]
    public void TryParse_AcceptsBirthOnToday() =>
        Assert.True(ResidentIdNumber.TryParse("360732202506020014", new DateOnly(2025, 6, 2), out _, out _));

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("36073219900101001", '9')]
    [InlineData("36073219850615002", '0')]
    public void ComputeCheckCharacter_FollowsMod11_2(string first17, char expected) =>
        Assert.Equal(expected, ResidentIdNumber.ComputeCheckCharacter(first17));

    [Theory]
    [InlineData("3607321990010100")]
    [InlineData("3607321990010100A")]
    public void ComputeCheckCharacter_RejectsAnythingButSeventeenDigits(string first17) =>
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter(first17));

    [Theory]
    [InlineData("360732199001010019", "2025-12-31", 35)]
    [InlineData("360732199001010019", "2026-01-01", 36)]  // a year older on the birthday
    [InlineData("360732200002291233", "2025-02-28", 24)]
    [InlineData("360732200002291233", "2025-03-01", 25)]  // leap-day birthday counts from 1 March
    [InlineData("360732200002291233", "2024-02-29", 24)]
    public void AgeOn_CountsWholeYears(string number, string day, int expected)
    {
        Assert.True(ResidentIdNumber.TryParse(number, Today, out var id, out _));

        Assert.Equal(expected, id.AgeOn(DateOnly.Parse(day)));
    }

    [Fact]
    public void Masked_KeepsFirstAndLastFour()
    {
        Assert.True(ResidentIdNumber.TryParse("360732199001010019", Today, out var id, out _));

        Assert.Equal("3607**********0019", id.Masked);
    }

    [Fact]
    public void Constructor_RejectsPartsThatDisagreeWithTheNumber() =>
        Assert.Throws<ArgumentException>(
            () => new ResidentIdNumber("360732199001010019", "360732", new DateOnly(1990, 1, 1), IsMale: false));
}
