using System.Globalization;

namespace OneGo.Domain.Identifiers;

/// <summary>
/// 居民身份证号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male)
/// and a check character (ISO 7064 MOD 11-2).
/// </summary>
/// <remarks>Build it with <see cref="TryParse"/>; the constructor checks that the parts agree with
/// <paramref name="Value"/> but, having no "today", not that the birth date is in the past.</remarks>
public readonly record struct ResidentIdNumber(string Value, string AreaCode, DateOnly BirthDate, bool IsMale)
{
    public const int Length = 18;

    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    // GB 11643-1999: Wᵢ = 2^(17-i) mod 11 and the check table for Σ mod 11.
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // Get-only so that `with` cannot produce an inconsistent number; the first initializer validates all.
    public string Value { get; } = RequireConsistent(Value, AreaCode, BirthDate, IsMale);

    public string AreaCode { get; } = AreaCode;

    public DateOnly BirthDate { get; } = BirthDate;

    public bool IsMale { get; } = IsMale;

    /// <summary>For display: first 4 and last 4 characters kept (standards.md §6, observed practice).</summary>
    public string Masked => Value is null ? string.Empty : string.Concat(Value.AsSpan(0, 4), "**********", Value.AsSpan(14, 4));

    /// <summary>
    /// Parses an ID number typed by a person: surrounding whitespace is trimmed, a lower-case x accepted.
    /// </summary>
    /// <param name="today">The birth date must not be after this day.</param>
    /// <param name="error">Empty on success; otherwise a message saying exactly what is wrong.</param>
    public static bool TryParse(string? input, DateOnly today, out ResidentIdNumber id, out string error)
    {
        id = default;
        error = Check(input, out var normalised, out var birthDate);
        if (error.Length == 0 && birthDate > today)
        {
            error = "出生日期不能晚于今天";
        }

        if (error.Length > 0)
        {
            return false;
        }

        id = new ResidentIdNumber(normalised, normalised[..6], birthDate, IsOdd(normalised[16]));
        return true;
    }

    /// <summary>The check character for the first 17 digits: "10X98765432"[Σ aᵢ·Wᵢ mod 11].</summary>
    /// <exception cref="ArgumentException">Not exactly 17 digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("身份证号码本体码应为17位数字", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var c = first17[i];
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException("身份证号码本体码应为17位数字", nameof(first17));
            }

            sum += (c - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Age in whole years on <paramref name="day"/>; one is a year older on the birthday
    /// (someone born on 29 February, on 1 March in a common year).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> is before the birth date.</exception>
    public int AgeOn(DateOnly day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(day, BirthDate);

        var age = day.Year - BirthDate.Year;
        if (day.Month < BirthDate.Month || (day.Month == BirthDate.Month && day.Day < BirthDate.Day))
        {
            age--;
        }

        return age;
    }

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Everything but the "not after today" rule; returns an empty string when valid.</summary>
    private static string Check(string? input, out string normalised, out DateOnly birthDate)
    {
        normalised = string.Empty;
        birthDate = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return "身份证号码不能为空";
        }

        var value = input.Trim().ToUpperInvariant();
        if (value.Length != Length)
        {
            return $"身份证号码应为18位，当前为{value.Length}位";
        }

        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return $"身份证号码前17位应为数字，第{i + 1}位“{value[i]}”不是数字";
            }
        }

        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            return "身份证号码第18位应为数字或X";
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate))
        {
            return $"出生日期无效：{value.Substring(6, 8)}不是真实的日期";
        }

        if (birthDate < EarliestBirthDate)
        {
            return "出生日期无效：不能早于1900年1月1日";
        }

        var expected = ComputeCheckCharacter(value.AsSpan(0, Length - 1));
        if (value[17] != expected)
        {
            return $"身份证号码校验位错误，应为{expected}";
        }

        normalised = value;
        return string.Empty;
    }

    private static bool IsOdd(char digit) => (digit - '0') % 2 == 1;

    private static string RequireConsistent(string value, string areaCode, DateOnly birthDate, bool isMale)
    {
        var error = Check(value, out var normalised, out var parsedBirthDate);
        if (error.Length > 0)
        {
            throw new ArgumentException(error, nameof(value));
        }

        if (normalised != value || areaCode != value[..6] || birthDate != parsedBirthDate || isMale != IsOdd(value[16]))
        {
            throw new ArgumentException("身份证号码的地区码、出生日期或性别与号码本身不一致", nameof(value));
        }

        return value;
    }
}
