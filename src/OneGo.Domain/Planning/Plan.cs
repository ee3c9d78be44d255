using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;

namespace OneGo.Domain.Planning;

/// <summary>
/// The one computation behind the guide, the consultation, the form, the window and the case:
/// which matters apply, the merged form, the material checklist with exemptions, the time limit and the
/// reform metrics for one applicant's answers.
/// </summary>
public sealed record Plan
{
    public required string BundleCode { get; init; }
    public required string BundleName { get; init; }
    public required IReadOnlyList<PlanQuestion> Questions { get; init; }
    /// <summary>Set when an answer stops the bundle (本事项不适用).</summary>
    public PlanStop? Stop { get; init; }
    public IReadOnlyList<PlannedMatter> Matters { get; init; } = [];
    public IReadOnlyList<PlannedEdge> Edges { get; init; } = [];
    public IReadOnlyList<PlanFormSection> Form { get; init; } = [];
    public IReadOnlyList<PlanMaterial> Materials { get; init; } = [];
    public PlanTiming? Timing { get; init; }
    public ReformMetrics? Metrics { get; init; }

    public bool IsStopped => Stop is not null;
}

public sealed record PlanQuestion(string Id, string Text, bool Applicable, IReadOnlyList<string> Answer);

public sealed record PlanStop(string QuestionId, string OptionCode, string Reason);

public sealed record PlannedMatter(
    string Code,
    string Name,
    string DepartmentCode,
    string DepartmentName,
    TimeLimit Limit,
    DateOnly Start,
    DateOnly End,
    bool OnCriticalPath,
    string ResultName);

public sealed record PlannedEdge(string From, string To, EdgeMode Mode);

public sealed record PlanFormSection(string Code, string Label, IReadOnlyList<PlanField> Fields);

public sealed record PlanField(
    string Key,
    string Label,
    FieldType Type,
    bool Required,
    IReadOnlyList<string> Matters,
    IReadOnlyList<FieldOption> Options,
    string? PrefillValue,
    string? PrefillSource);

public enum ExemptionKind { License, DataCheck, BundleResult }

public sealed record Exemption(ExemptionKind Kind, string Reason, string? LicenseIdentifier, string? Check, string? Matter);

public sealed record PlanMaterial(
    string Key,
    string Name,
    MaterialKind Kind,
    Necessity Necessity,
    MaterialForm Form,
    int Count,
    IReadOnlyList<string> Matters,
    Exemption? Exemption)
{
    public bool IsExempt => Exemption is not null;
}

/// <summary>Time limits: the bundle's promise, the critical path through the graph and the old serial sum.</summary>
public sealed record PlanTiming(
    DateOnly Acceptance,
    TimeLimit Promised,
    DateOnly PromisedDeadline,
    int CriticalPathWorkingDays,
    IReadOnlyList<string> CriticalPath,
    DateOnly ExpectedCompletion,
    int SerialWorkingDays,
    DateOnly SerialCompletion,
    bool IsEstimate,
    string? CalendarWarning);

/// <summary>Before (each matter on its own) and after (the bundle) figures for these answers.</summary>
public sealed record ReformMetrics(
    int FieldsBefore,
    int FieldsAfter,
    int FieldsPrefilled,
    int MaterialsBefore,
    int MaterialsAfter,
    int MaterialsExempted,
    int DepartmentsBefore,
    int TripsBefore,
    int TripsAfter,
    int StepsBefore,
    int StepsAfter,
    int DaysBefore,
    int DaysAfter);

/// <summary>An answer that cannot be used, naming the question.</summary>
public sealed record AnswerProblem(string QuestionId, string Message);
