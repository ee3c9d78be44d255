using OneGo.Domain.Calendar;
using OneGo.Domain.Conditions;

namespace OneGo.Domain.Catalog;

public enum BundleCategory { Personal, Enterprise }

/// <summary>
/// Prerequisite modes. Strict: the dependent task starts only after the prerequisite is approved.
/// Prereview: the dependent department reviews at once and only its decision waits for the result (容缺预审).
/// </summary>
public enum EdgeMode { Strict, Prereview }

public sealed record QuestionOption
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    /// <summary>When set, choosing this option stops the bundle with this reason.</summary>
    public string? Stop { get; init; }
    public Condition When { get; init; } = Condition.True;
    public SourceLocation Location { get; init; }
}

/// <summary>A scenario question (情形问题). Its <see cref="When"/> may name only earlier questions.</summary>
public sealed record Question
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public string? Help { get; init; }
    public bool Multiple { get; init; }
    /// <summary>For a multiple-choice question: the fewest options an answer must choose (0 = may choose none).</summary>
    public int MinChoices { get; init; }
    public string? Default { get; init; }
    public Condition When { get; init; } = Condition.True;
    public IReadOnlyList<QuestionOption> Options { get; init; } = [];
    public SourceLocation Location { get; init; }
}

/// <summary>A bundle's scenario rule for one field or material of one matter: when it applies, and how.</summary>
public sealed record ScenarioRule
{
    public required string Key { get; init; }
    public Condition When { get; init; } = Condition.True;
    public bool? Required { get; init; }
    public Necessity? Necessity { get; init; }
    /// <summary>
    /// For a field: the bundle's own key for the matter's field (e.g. the matter asks <c>applicant.name</c>,
    /// the newborn bundle means <c>child.name</c>), so that one matter serves bundles with different roles.
    /// </summary>
    public string? As { get; init; }
    public SourceLocation Location { get; init; }
}

public sealed record BundleMatter
{
    public required string Matter { get; init; }
    public Condition When { get; init; } = Condition.True;
    /// <summary>The matter's promised limit within this bundle (联办压缩时限); null keeps the matter's own.</summary>
    public TimeLimit? Promised { get; init; }
    public IReadOnlyList<ScenarioRule> Fields { get; init; } = [];
    public IReadOnlyList<ScenarioRule> Materials { get; init; } = [];
    public SourceLocation Location { get; init; }
}

public sealed record PrerequisiteEdge
{
    public required string From { get; init; }
    public required string To { get; init; }
    public EdgeMode Mode { get; init; }
    public string? Note { get; init; }
    public SourceLocation Location { get; init; }
}

public sealed record FaqEntry(string Question, string Answer);

public sealed record BundleSource(string Name, string? Url, string? Adapted);

/// <summary>A 一件事: several matters of several departments done once.</summary>
public sealed record Bundle
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public BundleCategory Category { get; init; }
    /// <summary>Life event or enterprise stage (出生, 入学, 企业全生命周期 …) used to group the service zone.</summary>
    public required string Theme { get; init; }
    public required string LeadDepartment { get; init; }
    public string? Summary { get; init; }
    public string? Audience { get; init; }
    public IReadOnlyList<string> Conditions { get; init; } = [];
    public TimeLimit PromisedLimit { get; init; }
    public IReadOnlyList<Question> Questions { get; init; } = [];
    public IReadOnlyList<BundleMatter> Matters { get; init; } = [];
    public IReadOnlyList<PrerequisiteEdge> Edges { get; init; } = [];
    /// <summary>The unified steps after the reform (一次申请、一窗受理 …).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
    /// <summary>Trips to the hall after the reform: 0 for 全程网办, usually 1.</summary>
    public int Trips { get; init; } = 1;
    public IReadOnlyList<FaqEntry> Faq { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public IReadOnlyList<string> Fees { get; init; } = [];
    public BundleSource? Source { get; init; }
    public SourceLocation Location { get; init; }
}
