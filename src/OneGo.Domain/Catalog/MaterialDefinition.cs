namespace OneGo.Domain.Catalog;

/// <summary>Material kind per the standard elements of a matter: 1 证件证书证明, 2 申请表格文书, 3 其他.</summary>
public enum MaterialKind { Certificate, Form, Other }

/// <summary>Material source: 10 applicant, 20 issued by a government department, 99 other.</summary>
public enum MaterialSource { Applicant, Government, Other }

/// <summary>A canonical material of the material dictionary.</summary>
public sealed record MaterialDefinition
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public MaterialKind Kind { get; init; }
    public MaterialSource Source { get; init; }
    /// <summary>E-license type that proves this material (its holder need not submit it).</summary>
    public string? LicenseType { get; init; }
    /// <summary>Data-sharing check that proves this material.</summary>
    public string? Check { get; init; }
    public string? Note { get; init; }
    public SourceLocation Location { get; init; }
}

public enum HolderKind { Person, Enterprise }

public sealed record LicenseTypeField(string Key, string Label);

/// <summary>An e-license type (证照类型) with its 21-character type code.</summary>
public sealed record LicenseType
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Authority { get; init; }
    public HolderKind Holder { get; init; }
    /// <summary>Validity in years; null means permanent (长期有效).</summary>
    public int? ValidYears { get; init; }
    public IReadOnlyList<LicenseTypeField> Fields { get; init; } = [];
    public SourceLocation Location { get; init; }
}
