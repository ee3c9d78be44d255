using System.Globalization;

namespace OneGo.Domain.Identifiers;

/// <summary>
/// 证照标识 of an electronic license (GB/T 36901–36906-2018 family, layout as used by systems connected to
/// the national and provincial license libraries, standards.md §3):
/// <c>1.2.156.3005.2.{type code, 21}.{issuer code, 18}.{serial}.{version, 3 digits}.{check, 1}</c>.
/// </summary>
/// <remarks>
/// The constructor validates every part, including the check character, so an instance is always valid;
/// use <see cref="Create"/> to have the check character computed.
/// Both credit codes embedded in the identifier (type code's first 18 characters, issuer code) must carry a
/// valid GB 32100 check character: the real identifiers from production systems satisfy this, so it is
/// enforced to catch typing errors early. Relax it only if real data shows otherwise.
/// </remarks>
public sealed record LicenseIdentifier(string TypeCode, string IssuerCode, string Serial, int Version, char Check)
{
    /// <summary>OID arc of license identifiers, including the trailing dot.</summary>
    public const string Prefix = "1.2.156.3005.2.";

    public const int TypeCodeLength = 21;
    public const int MaxVersion = 999;

    // ISO 7064 MOD 37,36 (pure hybrid system, M = 36): alphabet 0-9A-Z, a character's value is its index.
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const int Modulus = 36;

    // Every property is get-only so that neither `with` nor an initializer can bypass validation;
    // the first initializer validates all parameters.
    public string TypeCode { get; } = RequireValid(TypeCode, IssuerCode, Serial, Version, Check);

    /// <summary>Issuing department's credit code (颁发机构代码).</summary>
    public string IssuerCode { get; } = IssuerCode;

    public string Serial { get; } = Serial;

    /// <summary>1 for the first issue, incremented on re-issue.</summary>
    public int Version { get; } = Version;

    public char Check { get; } = Check;

    /// <summary>Parses the dotted form, trimming whitespace and normalising to upper case.</summary>
    /// <param name="error">Empty on success; otherwise a message saying exactly what is wrong.</param>
    public static bool TryParse(string? input, out LicenseIdentifier? id, out string error)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "证照标识不能为空";
            return false;
        }

        var value = input.Trim().ToUpperInvariant();
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"证照标识应以{Prefix}开头";
            return false;
        }

        var parts = value[Prefix.Length..].Split('.');
        if (parts.Length != 5)
        {
            error = "证照标识在1.2.156.3005.2.之后应有五段：证照类型代码、颁发机构代码、流水号、版本号、校验位，以“.”分隔";
            return false;
        }

        error = CheckParts(parts[0], parts[1], parts[2], parts[3]);
        if (error.Length > 0)
        {
            return false;
        }

        if (parts[4].Length != 1 || Alphabet.IndexOf(parts[4][0], StringComparison.Ordinal) < 0)
        {
            error = "证照标识校验位应为1位数字或大写字母";
            return false;
        }

        var version = int.Parse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture);
        var expected = ComputeCheckCharacter(string.Concat(parts[0], parts[1], parts[2], parts[3]));
        if (parts[4][0] != expected)
        {
            error = $"证照标识校验位错误，应为{expected}";
            return false;
        }

        id = new LicenseIdentifier(parts[0], parts[1], parts[2], version, expected);
        return true;
    }

    /// <summary>Builds an identifier from its parts, computing the check character.</summary>
    /// <exception cref="ArgumentException">A part is invalid.</exception>
    public static LicenseIdentifier Create(string typeCode, string issuerCode, string serial, int version) =>
        new(typeCode, issuerCode, serial, version, ExpectedCheck(typeCode, issuerCode, serial, version));

    /// <summary>
    /// ISO 7064 MOD 37,36 check character over <paramref name="body"/> (type code + issuer code + serial +
    /// version, without dots): p = M; for each character s = (p + value) mod M, or M when 0; p = 2s mod (M+1);
    /// the check value c makes (p + c) mod M = 1.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="body"/> is empty or has a character outside 0-9A-Z.</exception>
    public static char ComputeCheckCharacter(string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(body);

        var p = Modulus;
        foreach (var c in body)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"证照标识只能包含数字和大写字母，“{c}”无效", nameof(body));
            }

            var s = (p + value) % Modulus;
            if (s == 0)
            {
                s = Modulus;
            }

            p = 2 * s % (Modulus + 1);
        }

        return Alphabet[(Modulus + 1 - p) % Modulus];
    }

    /// <summary>The identifier of the re-issued license: same type, issuer and serial, version + 1.</summary>
    /// <exception cref="InvalidOperationException">The version is already 999.</exception>
    public LicenseIdentifier WithNextVersion()
    {
        if (Version >= MaxVersion)
        {
            throw new InvalidOperationException($"证照版本号已达{MaxVersion}，无法再换发");
        }

        return Create(TypeCode, IssuerCode, Serial, Version + 1);
    }

    /// <summary>The dotted form, e.g. 1.2.156.3005.2.{type}.{issuer}.{serial}.001.U.</summary>
    public override string ToString() => $"{Prefix}{TypeCode}.{IssuerCode}.{Serial}.{FormatVersion(Version)}.{Check}";

    private static string FormatVersion(int version) =>
        version is >= 1 and <= MaxVersion
            ? version.ToString("D3", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(version), version, $"证照版本号应在001至{MaxVersion}之间");

    /// <summary>Validates the four parts covered by the check character; returns an empty string when valid.</summary>
    private static string CheckParts(string typeCode, string issuerCode, string serial, string version)
    {
        if (typeCode.Length != TypeCodeLength)
        {
            return $"证照类型代码应为21位，当前为{typeCode.Length}位";
        }

        var definerError = CreditCode.Check(typeCode[..CreditCode.Length]);
        if (definerError.Length > 0)
        {
            return $"证照类型代码前18位应为设立机关的统一社会信用代码：{definerError}";
        }

        if (!IsDigits(typeCode.AsSpan(CreditCode.Length)))
        {
            return "证照类型代码后3位应为数字";
        }

        var issuerError = CreditCode.Check(issuerCode);
        if (issuerError.Length > 0)
        {
            return $"颁发机构代码应为统一社会信用代码：{issuerError}";
        }

        if (serial.Length == 0)
        {
            return "证照流水号不能为空";
        }

        foreach (var c in serial)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return $"证照流水号只能包含数字和大写字母，“{c}”无效";
            }
        }

        if (version.Length != 3 || !IsDigits(version))
        {
            return "证照版本号应为3位数字";
        }

        if (version == "000")
        {
            return "证照版本号应从001开始";
        }

        return string.Empty;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string RequireValid(string typeCode, string issuerCode, string serial, int version, char check)
    {
        var expected = ExpectedCheck(typeCode, issuerCode, serial, version);
        return check == expected ? typeCode : throw new ArgumentException($"证照标识校验位错误，应为{expected}", nameof(check));
    }

    /// <summary>Validates the parts and computes their check character; throws on an invalid part.</summary>
    private static char ExpectedCheck(string typeCode, string issuerCode, string serial, int version)
    {
        ArgumentNullException.ThrowIfNull(typeCode);
        ArgumentNullException.ThrowIfNull(issuerCode);
        ArgumentNullException.ThrowIfNull(serial);
        var versionText = FormatVersion(version);
        var error = CheckParts(typeCode, issuerCode, serial, versionText);
        if (error.Length > 0)
        {
            throw new ArgumentException(error);
        }
        return ComputeCheckCharacter(string.Concat(typeCode, issuerCode, serial, versionText));
    }
}
