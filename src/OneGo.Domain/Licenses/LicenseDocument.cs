using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OneGo.Domain.Identifiers;

namespace OneGo.Domain.Licenses;

/// <summary>
/// The data of an electronic license (电子证照) with the GB/T 36903 metadata (standards.md §3) and the
/// type-specific fields. <see cref="ToCanonicalBytes"/> gives the exact bytes a department signs and stores;
/// never re-serialize a signed license any other way.
/// </summary>
/// <remarks>
/// Canonical form: UTF-8 JSON without whitespace, Chinese unescaped (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>),
/// dates <c>yyyy-MM-dd</c>, properties in this fixed order named by their GB/T 36903 abbreviations:
/// <c>ZZMC</c> 证照名称, <c>ZZLXDM</c> 证照类型代码, <c>ZZBS</c> 证照标识, <c>ZZBFJG</c> 颁发机构,
/// <c>ZZBFJGDM</c> 颁发机构代码, <c>ZZBFRQ</c> 颁发日期, <c>CZZT</c> 持证主体, <c>CZZTDM</c> 持证主体代码,
/// <c>CZZTDMLX</c> 持证主体代码类型, <c>ZZYXQQSRQ</c> 有效期起始日期, <c>ZZYXQJZRQ</c> 有效期截止日期
/// (<c>null</c> = 长期有效), then <c>fields</c>: the type-specific fields sorted by key (ordinal).
/// </remarks>
public sealed record LicenseDocument
{
    /// <summary>持证主体代码类型 111: 公民身份号码.</summary>
    public const string HolderIsPerson = "111";

    /// <summary>持证主体代码类型 001: 统一社会信用代码.</summary>
    public const string HolderIsOrganisation = "001";

    private const string DateFormat = "yyyy-MM-dd";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly string[] PropertyOrder =
        ["ZZMC", "ZZLXDM", "ZZBS", "ZZBFJG", "ZZBFJGDM", "ZZBFRQ", "CZZT", "CZZTDM", "CZZTDMLX", "ZZYXQQSRQ", "ZZYXQJZRQ", "fields"];

    /// <summary>证照名称 (ZZMC).</summary>
    public required string Name { get; init; }

    /// <summary>证照类型代码 (ZZLXDM), 21 characters; equals the identifier's type code.</summary>
    public required string TypeCode { get; init; }

    /// <summary>证照标识 (ZZBS).</summary>
    public required LicenseIdentifier Identifier { get; init; }

    /// <summary>颁发机构 (ZZBFJG).</summary>
    public required string Issuer { get; init; }

    /// <summary>颁发机构代码 (ZZBFJGDM): the issuer's credit code; equals the identifier's issuer code.</summary>
    public required string IssuerCode { get; init; }

    /// <summary>颁发日期 (ZZBFRQ).</summary>
    public required DateOnly IssuedOn { get; init; }

    /// <summary>持证主体 (CZZT).</summary>
    public required string Holder { get; init; }

    /// <summary>持证主体代码 (CZZTDM).</summary>
    public required string HolderCode { get; init; }

    /// <summary>持证主体代码类型 (CZZTDMLX): <see cref="HolderIsPerson"/> or <see cref="HolderIsOrganisation"/>.</summary>
    public required string HolderCodeType { get; init; }

    /// <summary>有效期起始日期 (ZZYXQQSRQ).</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>有效期截止日期 (ZZYXQJZRQ); null: 长期有效.</summary>
    public DateOnly? ValidUntil { get; init; }

    /// <summary>Type-specific fields, written sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>What is inconsistent in the document (Chinese, for people); empty when it may be signed.</summary>
    public string Check()
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Holder) || string.IsNullOrWhiteSpace(HolderCode))
        {
            return "证照名称、颁发机构、持证主体及其代码不能为空";
        }
        if (Identifier is null)
        {
            return "证照标识不能为空";
        }
        if (TypeCode != Identifier.TypeCode)
        {
            return "证照类型代码与证照标识中的类型代码不一致";
        }
        if (IssuerCode != Identifier.IssuerCode)
        {
            return "颁发机构代码与证照标识中的颁发机构代码不一致";
        }
        if (HolderCodeType is not (HolderIsPerson or HolderIsOrganisation))
        {
            return $"持证主体代码类型应为{HolderIsPerson}（公民身份号码）或{HolderIsOrganisation}（统一社会信用代码）";
        }
        if (ValidUntil is { } until && until < ValidFrom)
        {
            return "有效期截止日期早于起始日期";
        }
        return string.Empty;
    }

    /// <summary>The canonical UTF-8 JSON bytes (see the remarks of <see cref="LicenseDocument"/>).</summary>
    /// <exception cref="InvalidOperationException">The document is inconsistent (<see cref="Check"/>).</exception>
    public byte[] ToCanonicalBytes()
    {
        var error = Check();
        if (error.Length > 0)
        {
            throw new InvalidOperationException(error);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("ZZMC", Name);
            writer.WriteString("ZZLXDM", TypeCode);
            writer.WriteString("ZZBS", Identifier.ToString());
            writer.WriteString("ZZBFJG", Issuer);
            writer.WriteString("ZZBFJGDM", IssuerCode);
            writer.WriteString("ZZBFRQ", FormatDate(IssuedOn));
            writer.WriteString("CZZT", Holder);
            writer.WriteString("CZZTDM", HolderCode);
            writer.WriteString("CZZTDMLX", HolderCodeType);
            writer.WriteString("ZZYXQQSRQ", FormatDate(ValidFrom));
            if (ValidUntil is { } until)
            {
                writer.WriteString("ZZYXQJZRQ", FormatDate(until));
            }
            else
            {
                writer.WriteNull("ZZYXQJZRQ");
            }
            writer.WriteStartObject("fields");
            foreach (var (key, value) in Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Reads canonical bytes back; refuses anything that is not exactly canonical.</summary>
    /// <exception cref="FormatException">Not a license document in canonical form.</exception>
    public static LicenseDocument FromCanonicalBytes(ReadOnlySpan<byte> bytes)
    {
        LicenseDocument document;
        try
        {
            using var json = JsonDocument.Parse(bytes.ToArray());
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Select(p => p.Name).SequenceEqual(PropertyOrder))
            {
                throw new FormatException("证照数据的属性不完整或顺序不对");
            }
            if (!LicenseIdentifier.TryParse(root.GetProperty("ZZBS").GetString(), out var identifier, out var identifierError))
            {
                throw new FormatException(identifierError);
            }
            var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in root.GetProperty("fields").EnumerateObject())
            {
                fields.Add(field.Name, field.Value.GetString() ?? throw new FormatException($"字段“{field.Name}”不能为 null"));
            }
            var until = root.GetProperty("ZZYXQJZRQ");
            document = new LicenseDocument
            {
                Name = Text(root, "ZZMC"),
                TypeCode = Text(root, "ZZLXDM"),
                Identifier = identifier!,
                Issuer = Text(root, "ZZBFJG"),
                IssuerCode = Text(root, "ZZBFJGDM"),
                IssuedOn = ParseDate(Text(root, "ZZBFRQ")),
                Holder = Text(root, "CZZT"),
                HolderCode = Text(root, "CZZTDM"),
                HolderCodeType = Text(root, "CZZTDMLX"),
                ValidFrom = ParseDate(Text(root, "ZZYXQQSRQ")),
                ValidUntil = until.ValueKind == JsonValueKind.Null ? null : ParseDate(until.GetString()!),
                Fields = fields,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"证照数据无法读取：{e.Message}", e);
        }

        var error = document.Check();
        if (error.Length > 0)
        {
            throw new FormatException(error);
        }
        if (!document.ToCanonicalBytes().AsSpan().SequenceEqual(bytes))
        {
            throw new FormatException("证照数据不是规范格式（空白、转义、字段顺序或日期格式不同）");
        }
        return document;
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new FormatException($"{name} 不能为 null");

    private static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"日期“{text}”应为 yyyy-MM-dd");
}
