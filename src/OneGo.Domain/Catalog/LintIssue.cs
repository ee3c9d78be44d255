namespace OneGo.Domain.Catalog;

public enum LintSeverity { Error, Warning }

/// <summary>A catalog problem with the file and line that caused it. <see cref="Code"/> is stable for tools and tests.</summary>
public sealed record LintIssue(LintSeverity Severity, string Code, string Message, SourceLocation Location)
{
    public override string ToString() =>
        $"{(Location.File.Length == 0 ? "(目录)" : Location.ToString())}: {(Severity == LintSeverity.Error ? "错误" : "警告")} [{Code}] {Message}";
}

/// <summary>Stable codes of lint findings, one per error class.</summary>
public static class LintCodes
{
    public const string Syntax = "syntax";
    public const string Invalid = "invalid-value";
    public const string Duplicate = "duplicate-code";
    public const string UnknownReference = "unknown-reference";
    public const string Cycle = "prerequisite-cycle";
    public const string Condition = "condition";
    public const string OptionNeverChosen = "option-never-chosen";
    public const string MatterNeverApplies = "matter-never-applies";
    public const string NoMatterApplies = "no-matter-applies";
    public const string NonPositiveLimit = "non-positive-limit";
    public const string CreditCode = "credit-code";
    public const string MissingCalendar = "missing-calendar";
    public const string Region = "region";
    public const string ResultNotConnected = "result-not-connected";
    public const string TooManyScenarios = "too-many-scenarios";
    public const string PromiseShorterThanPath = "promise-shorter-than-path";
}
