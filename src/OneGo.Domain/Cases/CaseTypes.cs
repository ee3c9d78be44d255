namespace OneGo.Domain.Cases;

/// <summary>办件状态. Draft → submitted → (correction requested ⇄ submitted) → refused | in progress → completed | partially completed | denied.</summary>
public enum CaseState
{
    Draft,               // 草稿
    Submitted,           // 待受理
    CorrectionRequested, // 待补正（一次性告知）
    Refused,             // 不予受理
    InProgress,          // 办理中（已受理或容缺受理）
    Completed,           // 办结
    PartiallyCompleted,  // 部分办结：部分事项不予许可，其余照常出件
    Denied,              // 不予许可办结：全部事项不予许可
}

/// <summary>How the case was accepted.</summary>
public enum AcceptanceKind { None, Full, WithTolerance }

/// <summary>Who filed the case: the applicant online, a window clerk for a walk-in applicant, or an assistant (帮代办).</summary>
public enum FilingChannel { Online, Window, Assistant }

public enum ApplicantKind { Person, Enterprise }

/// <summary>子件状态.</summary>
public enum TaskState
{
    Waiting,   // 等待前置事项（严格前置未办结）
    Received,  // 待审查
    Reviewing, // 审查中
    Paused,    // 暂停计时：待申请人补正，或特别程序（听证/检测/专家评审）
    Approved,  // 准予
    Denied,    // 不予许可
    Cancelled, // 终止：严格前置事项不予许可
}

/// <summary>Why a task's clock is paused.</summary>
public enum PauseKind { None, Supplement, Hearing, Testing, ExpertReview }

/// <summary>Where a material on a case came from.</summary>
public enum MaterialOrigin { Applicant, Supplement, TaskResult }

public enum CaseEventKind
{
    DraftSaved,
    Submitted,
    CorrectionsRequested,
    Resubmitted,
    Refused,
    Accepted,
    AcceptedWithTolerance,
    TaskReceived,
    TaskStarted,
    SupplementRequested,
    Suspended,
    Resumed,
    MaterialsSupplied,
    ResultReceived,
    TaskApproved,
    TaskDenied,
    TaskCancelled,
    Completed,
    PartiallyCompleted,
    Denied,
    Delivered,
    /// <summary>好差评: the applicant rated the case or one of its matters.</summary>
    Rated,
    /// <summary>The responsible department reported the rectification of a bad review back to the rater.</summary>
    RatingReplied,
}

/// <summary>How the paper results reach the applicant (统一出件): picked up at the issuance window, or posted free of charge.</summary>
public enum DeliveryMethod { Pickup, Post }

/// <summary>Who acts: the account, its role and a display name for the timeline.</summary>
public sealed record Actor(string UserId, string Role, string Name);

/// <summary>Whether a broken rule means the request itself is wrong, or the case is in a state that forbids it now.</summary>
public enum RuleKind { Invalid, Conflict }

/// <summary>A case rule the requested action breaks, with a stable code and a message for people.</summary>
public sealed class CaseRuleException(string code, string message, RuleKind kind = RuleKind.Conflict) : Exception(message)
{
    public string Code { get; } = code;
    public RuleKind Kind { get; } = kind;
}

/// <summary>Chinese labels of the states, for timelines, receipts and problem messages.</summary>
public static class CaseLabels
{
    public static string Of(CaseState state) => state switch
    {
        CaseState.Draft => "草稿",
        CaseState.Submitted => "待受理",
        CaseState.CorrectionRequested => "待补正",
        CaseState.Refused => "不予受理",
        CaseState.InProgress => "办理中",
        CaseState.Completed => "已办结",
        CaseState.PartiallyCompleted => "部分办结",
        CaseState.Denied => "不予许可办结",
    };

    public static string Of(TaskState state) => state switch
    {
        TaskState.Waiting => "等待前置事项",
        TaskState.Received => "待审查",
        TaskState.Reviewing => "审查中",
        TaskState.Paused => "暂停计时",
        TaskState.Approved => "准予",
        TaskState.Denied => "不予许可",
        TaskState.Cancelled => "已终止",
    };

    public static string Of(PauseKind kind) => kind switch
    {
        PauseKind.None => "",
        PauseKind.Supplement => "待申请人补正",
        PauseKind.Hearing => "听证",
        PauseKind.Testing => "检验检测",
        PauseKind.ExpertReview => "专家评审",
    };
}
