using OneGo.Domain.Calendar;

namespace OneGo.Domain.Catalog;

/// <summary>Matter types of 政务服务事项; the numeric codes differ by province, so only the names are kept.</summary>
public enum MatterType
{
    AdministrativeLicense,     // 行政许可
    AdministrativeConfirmation, // 行政确认
    AdministrativePayment,     // 行政给付
    AdministrativeAdjudication, // 行政裁决
    AdministrativeReward,      // 行政奖励
    OtherAdministrativePower,  // 其他行政权力
    PublicService,             // 公共服务
}

public enum ServiceObject { Person, Enterprise, Both }

/// <summary>必要性: 1 required, 2 optional, 3 tolerable (容缺后补).</summary>
public enum Necessity { Required, Optional, Tolerable }

public enum MaterialForm { Original, Copy, Electronic, OriginalAndCopy }

public enum ResultKind { License, Document, Other }

public enum HandlingMode { Window, Online, Post }

public sealed record LegalBasis(string Name, string? DocumentNumber, string? Article, string? Text);

public sealed record Fee(string Name, string Standard, string? Basis);

/// <summary>A field a matter needs; <see cref="Required"/> false marks an optional field.</summary>
public sealed record MatterField(string Key, bool Required, SourceLocation Location);

public sealed record MatterMaterial
{
    public required string Key { get; init; }
    public Necessity Necessity { get; init; } = Necessity.Required;
    public MaterialForm Form { get; init; } = MaterialForm.Original;
    public int Count { get; init; } = 1;
    public string? Note { get; init; }
    public SourceLocation Location { get; init; }
}

public sealed record MatterResult
{
    public required string Name { get; init; }
    public ResultKind Kind { get; init; }
    /// <summary>E-license type issued when the matter is approved.</summary>
    public string? LicenseType { get; init; }
    /// <summary>Material key the result provides to later matters (when it is not a license).</summary>
    public string? Material { get; init; }
}

/// <summary>A 政务服务事项 with its standard elements.</summary>
public sealed record Matter
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? BasicCode { get; init; }
    public MatterType Type { get; init; }
    public required string Department { get; init; }
    public ServiceObject ServiceObject { get; init; }
    public IReadOnlyList<LegalBasis> Basis { get; init; } = [];
    public IReadOnlyList<string> Conditions { get; init; } = [];
    public IReadOnlyList<MatterField> Fields { get; init; } = [];
    public IReadOnlyList<MatterMaterial> Materials { get; init; } = [];
    public TimeLimit StatutoryLimit { get; init; }
    public TimeLimit PromisedLimit { get; init; }
    public IReadOnlyList<Fee> Fees { get; init; } = [];
    public required MatterResult Result { get; init; }
    public IReadOnlyList<string> Steps { get; init; } = [];
    public IReadOnlyList<HandlingMode> Handling { get; init; } = [];
    public string? Phone { get; init; }
    public SourceLocation Location { get; init; }

    public bool IsFree => Fees.Count == 0;
}
