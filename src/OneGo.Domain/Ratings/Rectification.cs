using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Supervision;

namespace OneGo.Domain.Ratings;

/// <summary>
/// 差评整改 states: open → followed up (回访) → rectified → replied (result reported to the rater) → closed. Before
/// rectifying, the department may appeal a mistaken or malicious review once; the supervision office upholds the
/// appeal (the review is voided) or rejects it (the rectification goes on where it was).
/// </summary>
public enum RectificationState
{
    Open,       // 待回访
    FollowedUp, // 已回访，待整改
    Rectified,  // 已整改，待答复
    Replied,    // 已答复评价人
    Closed,     // 已办结
    Appealed,   // 申诉审核中
    Voided,     // 申诉成立，差评作废
}

/// <summary>How the department contacted the rater for the follow-up (回访).</summary>
public enum FollowUpMethod { Phone, Visit, Sms, Online }

/// <summary>
/// 国办发〔2019〕51号: clear and reasonable → rectify at once; complex → a ledger with a deadline; no legal basis →
/// explain the law to the rater.
/// </summary>
public enum RectificationCategory { Immediate, Ledger, Explanation }

public enum AppealState { None, Pending, Upheld, Rejected }

public static class RectificationLabels
{
    public static string Of(RectificationState state) => state switch
    {
        RectificationState.Open => "待回访",
        RectificationState.FollowedUp => "待整改",
        RectificationState.Rectified => "待答复",
        RectificationState.Replied => "已答复",
        RectificationState.Closed => "已办结",
        RectificationState.Appealed => "申诉审核中",
        RectificationState.Voided => "申诉成立，差评作废",
    };

    public static string Of(FollowUpMethod method) => method switch
    {
        FollowUpMethod.Phone => "电话回访",
        FollowUpMethod.Visit => "上门（当面）回访",
        FollowUpMethod.Sms => "短信回访",
        FollowUpMethod.Online => "网上回访",
    };

    public static string Of(RectificationCategory category) => category switch
    {
        RectificationCategory.Immediate => "立即整改",
        RectificationCategory.Ledger => "建立台账限期整改",
        RectificationCategory.Explanation => "依法解释说明",
    };

    public static string Of(AppealState state) => state switch
    {
        AppealState.None => "未申诉",
        AppealState.Pending => "待审核",
        AppealState.Upheld => "申诉成立",
        AppealState.Rejected => "申诉不成立",
    };
}

/// <summary>
/// 差评整改: what the responsible department does about one bad review — follow-up contact (回访), rectification, the
/// reply to the rater — within a deadline in working days from the day the review came in (民法典 §201: that day is
/// not counted). The deadline is a local rule (standards.md §5), so the caller passes it from configuration.
/// The rectification counts as done on time when the rater has been answered.
/// </summary>
public sealed class Rectification
{
    public const int MaxText = 1000;

    private Rectification()
    {
        DepartmentCode = DepartmentName = string.Empty;
    }

    public long Id { get; private set; }
    public long RatingId { get; private set; }
    public Rating? Rating { get; private set; }
    public long CaseId { get; private set; }
    public string DepartmentCode { get; private set; }
    public string DepartmentName { get; private set; }
    public RectificationState State { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public DateOnly FollowUpDeadlineOn { get; private set; }
    public DateOnly DeadlineOn { get; private set; }

    public FollowUpMethod? FollowUpMethod { get; private set; }
    public string? FollowUpSummary { get; private set; }
    public DateTimeOffset? FollowedUpAt { get; private set; }
    public string? FollowedUpBy { get; private set; }

    public RectificationCategory? Category { get; private set; }
    public string? Result { get; private set; }
    public DateTimeOffset? RectifiedAt { get; private set; }
    public string? RectifiedBy { get; private set; }

    public string? Reply { get; private set; }
    public DateTimeOffset? RepliedAt { get; private set; }
    public string? RepliedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    public AppealState Appeal { get; private set; }
    public string? AppealReason { get; private set; }
    public DateTimeOffset? AppealedAt { get; private set; }
    public string? AppealedBy { get; private set; }
    /// <summary>Where the rectification stood when appealed; a rejected appeal returns it there.</summary>
    public RectificationState? StateBeforeAppeal { get; private set; }
    public string? AppealDecision { get; private set; }
    public DateTimeOffset? AppealDecidedAt { get; private set; }
    public string? AppealDecidedBy { get; private set; }

    /// <summary>Optimistic-concurrency token: every transition increments it.</summary>
    public int Version { get; private set; }

    /// <summary>The rater has been answered (or the review voided): the deadline no longer runs.</summary>
    public bool IsAnswered => State switch
    {
        RectificationState.Replied or RectificationState.Closed or RectificationState.Voided => true,
        RectificationState.Open or RectificationState.FollowedUp or RectificationState.Rectified or RectificationState.Appealed => false,
    };

    /// <summary>Opens the rectification of a bad review for one responsible department.</summary>
    /// <param name="rectificationWorkingDays">Working days to answer the rater (configuration).</param>
    /// <param name="followUpWorkingDays">Working days to contact the rater (configuration); at most the former.</param>
    public static Rectification Open(Rating rating, ResponsibleDepartment department, WorkCalendar calendar, int rectificationWorkingDays, int followUpWorkingDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rating);
        ArgumentNullException.ThrowIfNull(department);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!rating.IsBad)
        {
            throw new CaseRuleException("not-bad-review", $"“{rating.Level.Label()}”不是差评，无需整改", RuleKind.Invalid);
        }
        if (rectificationWorkingDays < 1 || followUpWorkingDays < 1 || followUpWorkingDays > rectificationWorkingDays)
        {
            throw new ArgumentOutOfRangeException(nameof(rectificationWorkingDays), "整改期限和回访期限应为正的工作日数，且回访期限不长于整改期限");
        }
        var today = Case.Today(now);
        return new Rectification
        {
            Rating = rating,
            RatingId = rating.Id,
            CaseId = rating.CaseId,
            DepartmentCode = department.Code,
            DepartmentName = department.Name,
            State = RectificationState.Open,
            OpenedAt = now,
            OpenedOn = today,
            FollowUpDeadlineOn = calendar.AddWorkingDays(today, followUpWorkingDays).Date,
            DeadlineOn = calendar.AddWorkingDays(today, rectificationWorkingDays).Date,
        };
    }

    /// <summary>Working days left to answer the rater: 0 on the deadline day, negative when overdue; null once answered.</summary>
    public int? RemainingWorkingDays(WorkCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return IsAnswered ? null : Clock.Remaining(calendar, DeadlineOn, today);
    }

    /// <summary>
    /// The warning level of the deadline to answer the rater under <paramref name="policy"/> — the same policy as tasks,
    /// the span being the working days granted from the day the review came in — or null once answered.
    /// </summary>
    public WarningLevel? Warning(WarningPolicy policy, WorkCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return RemainingWorkingDays(calendar, today) is { } remaining
            ? policy.LevelOf(remaining, Clock.Span(calendar, OpenedOn, DeadlineOn, 0))
            : null;
    }

    /// <summary>Past the deadline without an answer to the rater.</summary>
    public bool IsOverdue(DateOnly today) => !IsAnswered && today > DeadlineOn;

    /// <summary>Past the follow-up deadline without a follow-up (回访 rate 100%).</summary>
    public bool IsFollowUpOverdue(DateOnly today) => FollowedUpAt is null && !IsAnswered && today > FollowUpDeadlineOn;

    /// <summary>回访: the department contacted the rater and records how and what was said.</summary>
    public void RecordFollowUp(FollowUpMethod method, string? summary, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Require(State == RectificationState.Open, "not-open", Refusal("登记回访"));
        if (!Enum.IsDefined(method))
        {
            throw new CaseRuleException("follow-up-method", "回访方式应为电话、上门、短信或网上回访", RuleKind.Invalid);
        }
        var text = Text(summary, "follow-up-summary-required", "请填写回访情况（与评价人沟通的主要内容）");
        FollowUpMethod = method;
        FollowUpSummary = text;
        FollowedUpAt = now;
        FollowedUpBy = actor.Name;
        State = RectificationState.FollowedUp;
        Version++;
    }

    /// <summary>整改: the result and how the review was dealt with (立即整改 / 建立台账限期整改 / 依法解释说明).</summary>
    public void RecordResult(RectificationCategory category, string? result, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Require(State == RectificationState.FollowedUp, "not-followed-up",
            State == RectificationState.Open ? "请先回访评价人，再登记整改结果" : Refusal("登记整改结果"));
        if (!Enum.IsDefined(category))
        {
            throw new CaseRuleException("rectification-category", "整改方式应为立即整改、建立台账限期整改或依法解释说明", RuleKind.Invalid);
        }
        Result = Text(result, "result-required", "请填写整改结果");
        Category = category;
        RectifiedAt = now;
        RectifiedBy = actor.Name;
        State = RectificationState.Rectified;
        Version++;
    }

    /// <summary>答复: the result reported back to the rater, shown on their case. Notes it on the case's timeline.</summary>
    public void ReplyToRater(Case @case, string? reply, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(actor);
        Require(State == RectificationState.Rectified, "not-rectified",
            State is RectificationState.Open or RectificationState.FollowedUp ? "请先回访并登记整改结果，再答复评价人" : Refusal("答复评价人"));
        if (@case.Id != CaseId)
        {
            throw new ArgumentException("答复须记在差评所属的办件上", nameof(@case));
        }
        Reply = Text(reply, "reply-required", "请填写给评价人的答复");
        RepliedAt = now;
        RepliedBy = actor.Name;
        State = RectificationState.Replied;
        Version++;
        @case.Note(CaseEventKind.RatingReplied, Rating?.TaskId, actor, now, $"{DepartmentName}答复差评整改情况：{Reply}");
    }

    /// <summary>办结: the department (or the supervision office) closes a rectification whose rater has been answered.</summary>
    public void Close(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Require(State == RectificationState.Replied, "not-replied", State == RectificationState.Closed ? "整改已办结" : "答复评价人后才能办结整改");
        ClosedAt = now;
        ClosedBy = actor.Name;
        State = RectificationState.Closed;
        Version++;
    }

    /// <summary>
    /// 申诉: the department contests a mistaken or malicious review, once, before it has rectified. The deadline keeps
    /// running while the supervision office decides.
    /// </summary>
    public void FileAppeal(string? reason, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Require(Appeal == AppealState.None, "already-appealed", $"对这条差评已经申诉过（{RectificationLabels.Of(Appeal)}），不能再次申诉");
        Require(State is RectificationState.Open or RectificationState.FollowedUp, "not-appealable", Refusal("申诉"));
        AppealReason = Text(reason, "appeal-reason-required", "请写明申诉理由（如误评、恶意差评的事实和依据）");
        AppealedAt = now;
        AppealedBy = actor.Name;
        StateBeforeAppeal = State;
        Appeal = AppealState.Pending;
        State = RectificationState.Appealed;
        Version++;
    }

    /// <summary>
    /// The supervision office decides the appeal. Upheld: the review is voided (it leaves the statistics) and the
    /// rectification ends. Rejected: the rectification continues where it stood.
    /// </summary>
    public void DecideAppeal(Rating rating, bool uphold, string? decision, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rating);
        ArgumentNullException.ThrowIfNull(actor);
        Require(State == RectificationState.Appealed && Appeal == AppealState.Pending, "no-pending-appeal", "这条差评没有待审核的申诉");
        if (rating.Id != RatingId)
        {
            throw new ArgumentException("申诉须针对本整改的差评", nameof(rating));
        }
        AppealDecision = Text(decision, "appeal-decision-required", "请填写申诉审核意见");
        AppealDecidedAt = now;
        AppealDecidedBy = actor.Name;
        if (uphold)
        {
            Appeal = AppealState.Upheld;
            State = RectificationState.Voided;
            ClosedAt = now;
            ClosedBy = actor.Name;
            rating.Void(AppealDecision, now);
        }
        else
        {
            Appeal = AppealState.Rejected;
            State = StateBeforeAppeal ?? RectificationState.Open;
        }
        Version++;
    }

    private string Refusal(string action) => $"整改当前为“{RectificationLabels.Of(State)}”，不能{action}";

    private static string Text(string? text, string code, string message)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new CaseRuleException(code, message, RuleKind.Invalid);
        }
        if (trimmed.Length > MaxText)
        {
            throw new CaseRuleException("text-too-long", $"内容不能超过 {MaxText} 字（现为 {trimmed.Length} 字）", RuleKind.Invalid);
        }
        return trimmed;
    }

    private static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new CaseRuleException(code, message);
        }
    }
}
