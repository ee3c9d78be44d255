namespace OneGo.Domain.Identifiers;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): registering authority (1) + organisation type (1) + area code (6, GB/T 2260)
/// + organisation code (9) + check character, all from "0123456789ABCDEFGHJKLMNPQRTUWXY".
/// </summary>
public readonly record struct CreditCode(string Value)
{
    public const int Length = 18;

    // GB 32100-2015: the 31 characters without I, O, S, V, Z; a character's value is its index.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // GB 32100-2015: Wᵢ = 3^(i-1) mod 31.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public string Value { get; } = RequireValid(Value);

    /// <summary>登记管理部门代码 (character 1), e.g. '9' for market regulation.</summary>
    public char RegistrationAuthority => Value[0];

    /// <summary>机构类别代码 (character 2).</summary>
    public char OrganisationType => Value[1];

    /// <summary>登记管理机关行政区划码 (characters 3–8).</summary>
    public string AreaCode => Value.Substring(2, 6);

    /// <summary>Parses a code, trimming whitespace and normalising to upper case.</summary>
    /// <param name="error">Empty on success; otherwise a message saying exactly what is wrong.</param>
    public static bool TryParse(string? input, out CreditCode code, out string error)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "统一社会信用代码不能为空";
            return false;
        }

        var value = input.Trim().ToUpperInvariant();
        error = Check(value);
        if (error.Length > 0)
        {
            return false;
        }

        code = new CreditCode(value);
        return true;
    }

    /// <summary>The check character: 31 − (Σ value·W mod 31), where 31 gives '0'.</summary>
    /// <exception cref="ArgumentException">Not exactly 17 characters of the code alphabet.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("统一社会信用代码本体应为17位", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"统一社会信用代码含有无效字符“{first17[i]}”", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Validates an already normalised code; returns an empty string when valid.</summary>
    internal static string Check(string value)
    {
        if (value.Length != Length)
        {
            return $"统一社会信用代码应为18位，当前为{value.Length}位";
        }

        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.IndexOf(value[i], StringComparison.Ordinal) < 0)
            {
                return $"统一社会信用代码第{i + 1}位“{value[i]}”不是有效字符（只能使用数字和除I、O、S、V、Z以外的大写字母）";
            }
        }

        var expected = ComputeCheckCharacter(value.AsSpan(0, Length - 1));
        return value[17] == expected ? string.Empty : $"统一社会信用代码校验位错误，应为{expected}";
    }

    private static string RequireValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var error = Check(value);
        return error.Length == 0 ? value : throw new ArgumentException(error, nameof(value));
    }
}
