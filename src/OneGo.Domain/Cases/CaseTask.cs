using OneGo.Domain.Calendar;
using OneGo.Domain.Supervision;

namespace OneGo.Domain.Cases;

/// <summary>
/// 子件: one matter of an accepted case, handled by its department. Created by <see cref="Case.Accept"/>;
/// changed only through the case's transition methods so that results, cascades and the case clock stay
/// consistent.
/// </summary>
public sealed class CaseTask
{
    private CaseTask()
    {
        MatterCode = MatterName = DepartmentCode = DepartmentName = ResultName = string.Empty;
    }

    public CaseTask(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        MatterCode = spec.MatterCode;
        MatterName = spec.MatterName;
        DepartmentCode = spec.DepartmentCode;
        DepartmentName = spec.DepartmentName;
        LimitValue = spec.Limit.Value;
        LimitUnit = spec.Limit.Unit;
        StrictPrerequisites = [.. spec.StrictPrerequisites];
        ReviewPrerequisites = [.. spec.ReviewPrerequisites];
        Materials = [.. spec.Materials];
        ResultName = spec.ResultName;
        ResultMaterial = spec.ResultMaterial;
        ResultLicenseType = spec.ResultLicenseType;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public string MatterCode { get; private set; }
    public string MatterName { get; private set; }
    public string DepartmentCode { get; private set; }
    public string DepartmentName { get; private set; }
    public int LimitValue { get; private set; }
    public LimitUnit LimitUnit { get; private set; }
    /// <summary>Matters that must be approved before this task starts (strict edges).</summary>
    public string[] StrictPrerequisites { get; private set; } = [];
    /// <summary>Matters whose result this task's decision waits for (pre-review edges).</summary>
    public string[] ReviewPrerequisites { get; private set; } = [];
    /// <summary>Material keys this matter needs on this case (exempt ones excluded).</summary>
    public string[] Materials { get; private set; } = [];
    public string ResultName { get; private set; }
    public string? ResultMaterial { get; private set; }
    public string? ResultLicenseType { get; private set; }

    public TaskState State { get; internal set; }
    public PauseKind Pause { get; internal set; }
    public string? PauseReason { get; internal set; }
    /// <summary>What the applicant was asked to supply, while paused for a supplement.</summary>
    public string[] SupplementItems { get; internal set; } = [];
    public DateOnly? ClockStartedOn { get; internal set; }
    public DateOnly? DeadlineOn { get; internal set; }
    public int PausedWorkingDays { get; internal set; }
    public DateOnly? PausedSince { get; internal set; }
    public string? ReviewerId { get; internal set; }
    public string? ReviewerName { get; internal set; }
    /// <summary>Result data of an approval (JSON kept as given), or null.</summary>
    public string? ResultData { get; internal set; }
    /// <summary>Reason of a denial or cancellation.</summary>
    public string? Reason { get; internal set; }
    public DateTimeOffset? DecidedAt { get; internal set; }

    public TimeLimit Limit => new(LimitValue, LimitUnit);

    public bool IsTerminal => State switch
    {
        TaskState.Approved or TaskState.Denied or TaskState.Cancelled => true,
        TaskState.Waiting or TaskState.Received or TaskState.Reviewing or TaskState.Paused => false,
    };

    /// <summary>Working days left (0 on the deadline day, negative when overdue); frozen while paused; null before the clock starts or after a decision.</summary>
    public int? RemainingWorkingDays(WorkCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (DeadlineOn is not { } deadline || IsTerminal)
        {
            return null;
        }
        return Clock.Remaining(calendar, deadline, PausedSince ?? today);
    }

    /// <summary>The warning level of the task's running deadline under <paramref name="policy"/>, or null when no deadline runs.</summary>
    public WarningLevel? Warning(WarningPolicy policy, WorkCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return RemainingWorkingDays(calendar, today) is { } remaining
            ? policy.LevelOf(remaining, Clock.Span(calendar, ClockStartedOn, DeadlineOn, PausedWorkingDays))
            : null;
    }

    internal void StartClock(WorkCalendar calendar, DateOnly today)
    {
        ClockStartedOn = today;
        PausedWorkingDays = 0;
        DeadlineOn = Clock.Deadline(calendar, today, Limit, 0);
    }

    internal void PauseClock(DateOnly today, PauseKind kind, string? reason)
    {
        Pause = kind;
        PauseReason = reason;
        PausedSince = today;
        State = TaskState.Paused;
    }

    internal void ResumeClock(WorkCalendar calendar, DateOnly today)
    {
        if (PausedSince is { } since && ClockStartedOn is { } start)
        {
            PausedWorkingDays += Clock.PausedDays(calendar, since, today);
            DeadlineOn = Clock.Deadline(calendar, start, Limit, PausedWorkingDays);
        }
        PausedSince = null;
        Pause = PauseKind.None;
        PauseReason = null;
        SupplementItems = [];
        State = TaskState.Reviewing;
    }
}

/// <summary>What acceptance needs to create one task: the matter, its department, limit, edges, materials and result.</summary>
public sealed record TaskSpec(
    string MatterCode,
    string MatterName,
    string DepartmentCode,
    string DepartmentName,
    TimeLimit Limit,
    IReadOnlyList<string> StrictPrerequisites,
    IReadOnlyList<string> ReviewPrerequisites,
    IReadOnlyList<string> Materials,
    string ResultName,
    string? ResultMaterial,
    string? ResultLicenseType);
