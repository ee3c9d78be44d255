using OneGo.Domain.Calendar;
using OneGo.Domain.Supervision;

namespace OneGo.Domain.Cases;

/// <summary>Who the case is for: a person by ID number, or an enterprise by credit code with its agent.</summary>
public sealed record CaseApplicant(ApplicantKind Kind, string Code, string Name, string? AgentName = null, string? AgentIdNumber = null);

/// <summary>How the case reached the platform, and the authorisation an assistant holds.</summary>
public sealed record Filing(FilingChannel Channel, string? Authorisation);

/// <summary>Accept with tolerance (容缺受理): the missing tolerable materials, the supplement deadline and the applicant's commitment.</summary>
public sealed record Tolerance(IReadOnlyList<string> Materials, int SupplementWorkingDays, string Commitment);

/// <summary>Names of materials by key, so that timelines and messages speak of 住院费用清单, not <c>expense-list</c>.</summary>
public interface IMaterialNames
{
    string NameOf(string key);
}

/// <summary>
/// 办件: one application of one bundle by one applicant. It pins the catalog version and the Plan at
/// submission. Every change goes through a transition method, which checks the rule, bumps
/// <see cref="Version"/> (the optimistic-concurrency token) and appends a timeline event.
/// </summary>
public sealed class Case
{
    private readonly List<CaseTask> _tasks = [];
    private readonly List<CaseMaterial> _materials = [];
    private readonly List<CaseEvent> _events = [];
    private readonly List<CaseEvent> _newEvents = [];

    private Case()
    {
        BundleCode = BundleName = ApplicantCode = ApplicantName = FiledBy = AnswersJson = FormJson = PlanJson = string.Empty;
    }

    public long Id { get; private set; }
    /// <summary>办件编号, given at submission; unique, readable and never changed.</summary>
    public string? Number { get; private set; }
    public int CatalogVersion { get; private set; }
    public string BundleCode { get; private set; }
    public string BundleName { get; private set; }
    public ApplicantKind ApplicantKind { get; private set; }
    /// <summary>ID number (person) or unified social credit code (enterprise).</summary>
    public string ApplicantCode { get; private set; }
    public string ApplicantName { get; private set; }
    public string? AgentName { get; private set; }
    public string? AgentIdNumber { get; private set; }
    public FilingChannel Channel { get; private set; }
    /// <summary>The account that filed the case (the applicant, a clerk or an assistant).</summary>
    public string FiledBy { get; private set; }
    public string? Authorisation { get; private set; }
    public CaseState State { get; private set; }
    public AcceptanceKind Acceptance { get; private set; }
    public string AnswersJson { get; private set; }
    public string FormJson { get; private set; }
    /// <summary>The Plan frozen at submission, as JSON.</summary>
    public string PlanJson { get; private set; }
    public int PromisedValue { get; private set; }
    public LimitUnit PromisedUnit { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateOnly? AcceptedOn { get; private set; }
    public DateOnly? DeadlineOn { get; private set; }
    public int PausedWorkingDays { get; private set; }
    public DateOnly? PausedSince { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>Tolerated materials still to be supplied.</summary>
    public string[] OutstandingMaterials { get; private set; } = [];
    public DateOnly? ToleranceDeadline { get; private set; }
    public string? Commitment { get; private set; }
    /// <summary>The one complete list of what to correct (一次性告知), while corrections are requested.</summary>
    public string[] CorrectionItems { get; private set; } = [];
    public int CorrectionRounds { get; private set; }
    public string? RefusalReason { get; private set; }

    /// <summary>How the paper results were handed over, to whom (name, or postal address) and the proof (masked ID number, or tracking number).</summary>
    public DeliveryMethod? DeliveryMethod { get; private set; }
    public string? DeliveredTo { get; private set; }
    public string? DeliveryReference { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public string? AcceptedBy { get; private set; }
    /// <summary>Optimistic-concurrency token: every transition increments it.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<CaseTask> Tasks => _tasks;
    public IReadOnlyList<CaseMaterial> Materials => _materials;
    public IReadOnlyList<CaseEvent> Events => _events;
    /// <summary>Events appended since the case was loaded: the caller audits and persists them.</summary>
    public IReadOnlyList<CaseEvent> NewEvents => _newEvents;

    public TimeLimit Promised => new(PromisedValue, PromisedUnit);

    public bool IsClosed => State switch
    {
        CaseState.Refused or CaseState.Completed or CaseState.PartiallyCompleted or CaseState.Denied => true,
        CaseState.Draft or CaseState.Submitted or CaseState.CorrectionRequested or CaseState.InProgress => false,
    };

    /// <summary>Working days left on the case (frozen while paused), or null before acceptance and after closing.</summary>
    public int? RemainingWorkingDays(WorkCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (DeadlineOn is not { } deadline || IsClosed)
        {
            return null;
        }
        return Clock.Remaining(calendar, deadline, PausedSince ?? today);
    }

    /// <summary>The warning level of the case's running deadline under <paramref name="policy"/>, or null when no deadline runs.</summary>
    public WarningLevel? Warning(WarningPolicy policy, WorkCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return RemainingWorkingDays(calendar, today) is { } remaining
            ? policy.LevelOf(remaining, Clock.Span(calendar, AcceptedOn, DeadlineOn, PausedWorkingDays))
            : null;
    }

    /// <summary>Starts a case as a draft or, when <paramref name="submit"/> is set, as submitted (the caller validated it).</summary>
    public static Case Start(
        CaseApplicant applicant, Filing filing, int catalogVersion, string bundleCode, string bundleName, TimeLimit promised,
        string answersJson, string formJson, string planJson, IEnumerable<CaseMaterial> materials, Actor actor, DateTimeOffset now, bool submit)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(actor);
        if (filing.Channel == FilingChannel.Assistant && string.IsNullOrWhiteSpace(filing.Authorisation))
        {
            throw new CaseRuleException("authorisation-required", "帮代办须记录申请人的授权（授权书编号或授权方式）", RuleKind.Invalid);
        }
        var @case = new Case
        {
            ApplicantKind = applicant.Kind,
            ApplicantCode = applicant.Code,
            ApplicantName = applicant.Name,
            AgentName = applicant.AgentName,
            AgentIdNumber = applicant.AgentIdNumber,
            Channel = filing.Channel,
            Authorisation = filing.Authorisation,
            FiledBy = actor.UserId,
            CatalogVersion = catalogVersion,
            BundleCode = bundleCode,
            BundleName = bundleName,
            PromisedValue = promised.Value,
            PromisedUnit = promised.Unit,
            AnswersJson = answersJson,
            FormJson = formJson,
            PlanJson = planJson,
            CreatedAt = now,
            State = CaseState.Draft,
        };
        @case._materials.AddRange(materials);
        if (submit)
        {
            @case.State = CaseState.Submitted;
            @case.SubmittedAt = now;
            @case.Record(CaseEventKind.Submitted, null, actor, now, SubmittedText(filing));
        }
        else
        {
            @case.Record(CaseEventKind.DraftSaved, null, actor, now, "保存草稿");
        }
        return @case;
    }

    /// <summary>Gives the case its number (once, at submission).</summary>
    public void AssignNumber(string number)
    {
        if (Number is not null)
        {
            throw new InvalidOperationException("办件编号一经生成不再改变");
        }
        Number = number;
    }

    /// <summary>Replaces a draft's answers, form, plan and materials.</summary>
    public void UpdateDraft(string answersJson, string formJson, string planJson, TimeLimit promised, IEnumerable<CaseMaterial> materials, Actor actor, DateTimeOffset now)
    {
        Require(State == CaseState.Draft, "not-draft", $"办件当前为“{CaseLabels.Of(State)}”，只有草稿可以修改");
        Replace(answersJson, formJson, planJson, promised, materials);
        Record(CaseEventKind.DraftSaved, null, actor, now, "保存草稿");
    }

    /// <summary>Submits a draft (the caller validated it against the Plan).</summary>
    public void Submit(Actor actor, DateTimeOffset now)
    {
        Require(State == CaseState.Draft, "not-draft", $"办件当前为“{CaseLabels.Of(State)}”，不能再次提交");
        State = CaseState.Submitted;
        SubmittedAt = now;
        Record(CaseEventKind.Submitted, null, actor, now, SubmittedText(new Filing(Channel, Authorisation)));
    }

    /// <summary>一次性告知: the complete list of everything to fix. No clock runs until the applicant resubmits.</summary>
    public void RequestCorrections(IReadOnlyList<string> items, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(items);
        Require(State == CaseState.Submitted, "not-awaiting-acceptance", $"办件当前为“{CaseLabels.Of(State)}”，不能要求补正");
        var cleaned = items.Select(i => i?.Trim() ?? string.Empty).Where(i => i.Length > 0).ToArray();
        if (cleaned.Length == 0)
        {
            throw new CaseRuleException("corrections-empty", "请一次性列明需要补正的全部内容（至少一项）", RuleKind.Invalid);
        }
        State = CaseState.CorrectionRequested;
        CorrectionItems = cleaned;
        CorrectionRounds++;
        Record(CaseEventKind.CorrectionsRequested, null, actor, now, $"一次性告知补正 {cleaned.Length} 项：{string.Join("；", cleaned)}");
    }

    /// <summary>The applicant (or the clerk for them) answers the correction notice with a corrected application.</summary>
    public void Resubmit(string answersJson, string formJson, string planJson, TimeLimit promised, IEnumerable<CaseMaterial> materials, Actor actor, DateTimeOffset now)
    {
        Require(State == CaseState.CorrectionRequested, "not-awaiting-correction", $"办件当前为“{CaseLabels.Of(State)}”，没有待补正的内容");
        Replace(answersJson, formJson, planJson, promised, materials);
        State = CaseState.Submitted;
        CorrectionItems = [];
        Record(CaseEventKind.Resubmitted, null, actor, now, $"补正后重新提交（第 {CorrectionRounds} 次补正）");
    }

    /// <summary>
    /// 统一出件, at the window: the results are handed to the applicant (a person) or the enterprise's agent, whose ID
    /// number is checked against the case. Someone else needs the applicant's authorisation and is refused here.
    /// </summary>
    public void RecordPickup(string name, string idNumber, Actor actor, DateTimeOffset now)
    {
        RequireDeliverable();
        var id = (idNumber ?? string.Empty).Trim().ToUpperInvariant();
        var holder = ApplicantKind == ApplicantKind.Person ? ApplicantCode : AgentIdNumber;
        if (string.IsNullOrWhiteSpace(name) || id.Length == 0)
        {
            throw new CaseRuleException("identity-required", "领取须登记领取人姓名和身份证件号码", RuleKind.Invalid);
        }
        if (!string.Equals(id, holder, StringComparison.Ordinal))
        {
            throw new CaseRuleException("identity-mismatch",
                ApplicantKind == ApplicantKind.Person ? "领取人身份证件号码与申请人不一致：他人代领须持申请人的授权委托书，到窗口按代办办理" : "领取人身份证件号码与本企业登记的经办人不一致",
                RuleKind.Invalid);
        }
        DeliveryMethod = Cases.DeliveryMethod.Pickup;
        DeliveredTo = name.Trim();
        DeliveryReference = string.Concat(id.AsSpan(0, Math.Min(4, id.Length)), new string('*', Math.Max(0, id.Length - 8)), id.Length > 8 ? id.AsSpan(id.Length - 4) : string.Empty);
        DeliveredAt = now;
        Record(CaseEventKind.Delivered, null, actor, now, $"办理结果已在统一出件窗口由{DeliveredTo}领取（已核验身份证件）");
    }

    /// <summary>统一出件, by post: free delivery to the address the applicant gave, with the tracking number.</summary>
    public void RecordPosting(string address, string trackingNumber, Actor actor, DateTimeOffset now)
    {
        RequireDeliverable();
        if (string.IsNullOrWhiteSpace(address) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            throw new CaseRuleException("posting-incomplete", "邮寄须登记收件地址和邮件单号", RuleKind.Invalid);
        }
        DeliveryMethod = Cases.DeliveryMethod.Post;
        DeliveredTo = address.Trim();
        DeliveryReference = trackingNumber.Trim();
        DeliveredAt = now;
        Record(CaseEventKind.Delivered, null, actor, now, $"办理结果已免费邮寄，邮件单号 {DeliveryReference}");
    }

    private void RequireDeliverable()
    {
        Require(State is CaseState.Completed or CaseState.PartiallyCompleted, "not-deliverable",
            $"办件当前为“{CaseLabels.Of(State)}”，没有可送达的办理结果");
        Require(DeliveredAt is null, "already-delivered", $"办理结果已于 {DeliveredAt?.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} {(DeliveryMethod == Cases.DeliveryMethod.Post ? "寄出" : "领取")}，不能重复登记");
    }

    public void Refuse(string reason, Actor actor, DateTimeOffset now)
    {
        Require(State == CaseState.Submitted, "not-awaiting-acceptance", $"办件当前为“{CaseLabels.Of(State)}”，不能作出不予受理决定");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CaseRuleException("reason-required", "不予受理须说明理由", RuleKind.Invalid);
        }
        State = CaseState.Refused;
        RefusalReason = reason.Trim();
        ClosedAt = now;
        Record(CaseEventKind.Refused, null, actor, now, $"不予受理：{RefusalReason}");
    }

    /// <summary>
    /// 受理 (or 容缺受理 with <paramref name="tolerance"/>): one task per matter; tasks behind a strict
    /// prerequisite wait, all others go to their departments at once.
    /// </summary>
    public void Accept(IReadOnlyList<TaskSpec> tasks, Tolerance? tolerance, Actor actor, DateTimeOffset now, WorkCalendar calendar, IMaterialNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(calendar);
        Require(State == CaseState.Submitted, "not-awaiting-acceptance", $"办件当前为“{CaseLabels.Of(State)}”，不能受理");
        if (tasks.Count == 0)
        {
            throw new CaseRuleException("no-matters", "本办件没有适用的事项，不能受理", RuleKind.Invalid);
        }
        var today = Today(now);
        if (tolerance is not null)
        {
            if (tolerance.Materials.Count == 0)
            {
                throw new CaseRuleException("tolerance-empty", "容缺受理须列明容缺的材料", RuleKind.Invalid);
            }
            if (tolerance.SupplementWorkingDays is < 1 or > 60)
            {
                throw new CaseRuleException("tolerance-deadline", "容缺材料的补交期限应为 1 至 60 个工作日", RuleKind.Invalid);
            }
            if (string.IsNullOrWhiteSpace(tolerance.Commitment))
            {
                throw new CaseRuleException("commitment-required", "容缺受理须记录申请人的承诺", RuleKind.Invalid);
            }
            var provided = ProvidedMaterialKeys();
            var already = tolerance.Materials.Where(provided.Contains).ToList();
            if (already.Count > 0)
            {
                throw new CaseRuleException("tolerance-material-present", $"材料 {string.Join("、", already)} 已经提交，无需容缺", RuleKind.Invalid);
            }
            OutstandingMaterials = tolerance.Materials.Distinct(StringComparer.Ordinal).ToArray();
            ToleranceDeadline = calendar.AddWorkingDays(today, tolerance.SupplementWorkingDays).Date;
            Commitment = tolerance.Commitment.Trim();
        }

        State = CaseState.InProgress;
        Acceptance = tolerance is null ? AcceptanceKind.Full : AcceptanceKind.WithTolerance;
        AcceptedAt = now;
        AcceptedOn = today;
        AcceptedBy = actor.UserId;
        DeadlineOn = Clock.Deadline(calendar, today, Promised, 0);
        Record(
            tolerance is null ? CaseEventKind.Accepted : CaseEventKind.AcceptedWithTolerance, null, actor, now,
            tolerance is null
                ? $"受理，承诺 {DeadlineOn:yyyy-MM-dd} 前办结"
                : $"容缺受理，容缺材料 {string.Join("、", OutstandingMaterials.Select(k => names?.NameOf(k) ?? k))} 须于 {ToleranceDeadline:yyyy-MM-dd} 前补交；申请人承诺：{Commitment}；承诺 {DeadlineOn:yyyy-MM-dd} 前办结");

        foreach (var spec in tasks)
        {
            _tasks.Add(new CaseTask(spec) { State = TaskState.Waiting });
        }
        foreach (var task in _tasks)
        {
            if (task.StrictPrerequisites.Length == 0)
            {
                task.State = TaskState.Received;
                task.StartClock(calendar, today);
            }
        }
    }

    /// <summary>Records the events for the tasks created by <see cref="Accept"/> once they have ids.</summary>
    public void AnnounceTasks(Actor actor, DateTimeOffset now)
    {
        foreach (var task in _tasks)
        {
            Record(
                CaseEventKind.TaskReceived, task.Id, actor, now,
                task.State == TaskState.Waiting
                    ? $"“{task.MatterName}”推送至{task.DepartmentName}，等待前置事项{Names(task.StrictPrerequisites)}办结"
                    : $"“{task.MatterName}”推送至{task.DepartmentName}，{task.DeadlineOn:yyyy-MM-dd} 前办结");
        }
    }

    public void StartReview(long taskId, Actor actor, DateTimeOffset now)
    {
        var task = ActiveTask(taskId);
        Require(task.State == TaskState.Received, "task-not-received", TaskStateMessage(task, "开始审查"));
        task.State = TaskState.Reviewing;
        task.ReviewerId = actor.UserId;
        task.ReviewerName = actor.Name;
        var waiting = OpenReviewPrerequisites(task);
        Record(CaseEventKind.TaskStarted, task.Id, actor, now,
            waiting.Count > 0 ? $"{task.DepartmentName}开始预审“{task.MatterName}”，决定待{Names(waiting)}的办理结果" : $"{task.DepartmentName}开始审查“{task.MatterName}”");
    }

    /// <summary>The department asks the applicant for a supplement (补正); the task's clock pauses.</summary>
    public void RequestSupplement(long taskId, IReadOnlyList<string> items, Actor actor, DateTimeOffset now, WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(items);
        var task = ActiveTask(taskId);
        Require(task.State is TaskState.Received or TaskState.Reviewing, "task-not-reviewing", TaskStateMessage(task, "要求补正"));
        var cleaned = items.Select(i => i?.Trim() ?? string.Empty).Where(i => i.Length > 0).ToArray();
        if (cleaned.Length == 0)
        {
            throw new CaseRuleException("supplement-empty", "请列明需要申请人补正的内容（至少一项）", RuleKind.Invalid);
        }
        PauseTask(task, PauseKind.Supplement, null, Today(now));
        task.SupplementItems = cleaned;
        Record(CaseEventKind.SupplementRequested, task.Id, actor, now, $"{task.DepartmentName}要求补正“{task.MatterName}”：{string.Join("；", cleaned)}（暂停计时）");
    }

    /// <summary>Special procedure (听证/检测/专家评审): the task's clock pauses until the department resumes it.</summary>
    public void Suspend(long taskId, PauseKind kind, string reason, Actor actor, DateTimeOffset now)
    {
        var task = ActiveTask(taskId);
        if (kind is PauseKind.None or PauseKind.Supplement)
        {
            throw new CaseRuleException("suspension-kind", "特别程序应为听证、检验检测或专家评审", RuleKind.Invalid);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CaseRuleException("reason-required", "特别程序须说明理由", RuleKind.Invalid);
        }
        Require(task.State is TaskState.Received or TaskState.Reviewing, "task-not-reviewing", TaskStateMessage(task, "启动特别程序"));
        PauseTask(task, kind, reason.Trim(), Today(now));
        Record(CaseEventKind.Suspended, task.Id, actor, now, $"“{task.MatterName}”进入特别程序（{CaseLabels.Of(kind)}）：{reason.Trim()}（暂停计时）");
    }

    /// <summary>The department ends a special procedure.</summary>
    public void Resume(long taskId, Actor actor, DateTimeOffset now, WorkCalendar calendar)
    {
        var task = ActiveTask(taskId);
        Require(task.State == TaskState.Paused && task.Pause is not PauseKind.Supplement and not PauseKind.None, "task-not-suspended",
            task.Pause == PauseKind.Supplement ? $"“{task.MatterName}”在等待申请人补正，补正后自动恢复" : TaskStateMessage(task, "结束特别程序"));
        var kind = task.Pause;
        ResumeTask(task, calendar, Today(now));
        Record(CaseEventKind.Resumed, task.Id, actor, now, $"“{task.MatterName}”特别程序（{CaseLabels.Of(kind)}）结束，恢复计时，{task.DeadlineOn:yyyy-MM-dd} 前办结");
    }

    /// <summary>
    /// The applicant supplies materials: tolerated ones clear the tolerance, and a task waiting for a
    /// supplement resumes. Something must be waiting for them.
    /// </summary>
    public void Supply(long? taskId, IReadOnlyList<CaseMaterial> materials, Actor actor, DateTimeOffset now, WorkCalendar calendar, IMaterialNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(materials);
        Require(State == CaseState.InProgress, "not-in-progress", $"办件当前为“{CaseLabels.Of(State)}”，无需补充材料");
        CaseTask? task = null;
        if (taskId is { } id)
        {
            task = TaskById(id);
            Require(task.State == TaskState.Paused && task.Pause == PauseKind.Supplement, "task-not-awaiting-supplement", $"“{task.MatterName}”没有待补正的要求");
        }
        var keys = materials.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var cleared = OutstandingMaterials.Where(keys.Contains).ToArray();
        if (task is null && cleared.Length == 0)
        {
            throw new CaseRuleException("nothing-awaited", "没有等待这些材料的容缺或补正要求", RuleKind.Invalid);
        }
        if (task is null && materials.Count == 0)
        {
            throw new CaseRuleException("materials-required", "请上传需要补充的材料", RuleKind.Invalid);
        }
        foreach (var material in materials)
        {
            _materials.Add(material);
        }
        OutstandingMaterials = OutstandingMaterials.Where(k => !keys.Contains(k)).ToArray();
        if (OutstandingMaterials.Length == 0)
        {
            ToleranceDeadline = null;
        }
        var supplied = string.Join("、", materials.Select(m => m.Name).Distinct());
        Record(CaseEventKind.MaterialsSupplied, task?.Id, actor, now,
            (supplied.Length > 0 ? $"申请人补交材料：{supplied}" : "申请人答复补正要求")
            + (cleared.Length > 0 ? (OutstandingMaterials.Length == 0 ? "；容缺材料已全部补齐" : $"；尚缺容缺材料 {string.Join("、", OutstandingMaterials.Select(k => names?.NameOf(k) ?? k))}") : string.Empty));
        if (task is not null)
        {
            ResumeTask(task, calendar, Today(now));
            Record(CaseEventKind.Resumed, task.Id, actor, now, $"“{task.MatterName}”补正完成，恢复计时，{task.DeadlineOn:yyyy-MM-dd} 前办结");
        }
    }

    /// <summary>
    /// 准予: stores the result, attaches it to every dependent task, releases tasks whose strict
    /// prerequisites are now all approved, and completes the case when every task is decided.
    /// </summary>
    public void Approve(long taskId, string? resultData, Actor actor, DateTimeOffset now, WorkCalendar calendar, IMaterialNames? names = null)
    {
        var task = ActiveTask(taskId);
        Require(task.State is TaskState.Received or TaskState.Reviewing, "task-not-reviewing", TaskStateMessage(task, "作出准予决定"));
        var denied = task.ReviewPrerequisites.Select(TaskByMatter).Where(t => t is { State: TaskState.Denied or TaskState.Cancelled }).ToList();
        if (denied.Count > 0)
        {
            throw new CaseRuleException("prerequisite-denied", $"前置事项{string.Join("、", denied.Select(t => $"“{t!.MatterName}”"))}未获准予，本事项不能准予，请作出不予许可决定");
        }
        var open = OpenReviewPrerequisites(task);
        if (open.Count > 0)
        {
            throw new CaseRuleException("prerequisite-open", $"“{task.MatterName}”须待{Names(open)}的办理结果后才能作出决定");
        }
        var missing = task.Materials.Where(OutstandingMaterials.Contains).ToList();
        if (missing.Count > 0)
        {
            throw new CaseRuleException("tolerated-material-missing", $"容缺材料 {string.Join("、", missing.Select(k => names?.NameOf(k) ?? k))} 尚未补齐，“{task.MatterName}”暂不能作出准予决定");
        }

        var today = Today(now);
        task.State = TaskState.Approved;
        task.ResultData = resultData;
        task.DecidedAt = now;
        task.ReviewerId = actor.UserId;
        task.ReviewerName = actor.Name;
        Record(CaseEventKind.TaskApproved, task.Id, actor, now, $"{task.DepartmentName}准予“{task.MatterName}”，办理结果：{task.ResultName}");

        var dependents = _tasks.Where(t => t.StrictPrerequisites.Contains(task.MatterCode) || t.ReviewPrerequisites.Contains(task.MatterCode)).ToList();
        if (dependents.Count > 0)
        {
            _materials.Add(new CaseMaterial(task.ResultMaterial ?? $"result:{task.MatterCode}", task.ResultName, MaterialOrigin.TaskResult, now,
                fromTaskId: task.Id, note: $"由{task.DepartmentName}“{task.MatterName}”办理结果自动推送"));
        }
        foreach (var dependent in dependents)
        {
            if (dependent.IsTerminal)
            {
                continue;
            }
            Record(CaseEventKind.ResultReceived, dependent.Id, actor, now, $"{dependent.DepartmentName}收到“{task.MatterName}”的办理结果（{task.ResultName}），无需申请人提交");
            if (dependent.State == TaskState.Waiting && dependent.StrictPrerequisites.All(code => TaskByMatter(code)?.State == TaskState.Approved))
            {
                dependent.State = TaskState.Received;
                dependent.StartClock(calendar, today);
                Record(CaseEventKind.TaskReceived, dependent.Id, actor, now, $"前置事项已办结，“{dependent.MatterName}”推送至{dependent.DepartmentName}，{dependent.DeadlineOn:yyyy-MM-dd} 前办结");
            }
        }
        CloseIfDone(actor, now, calendar);
    }

    /// <summary>
    /// 不予许可: tasks that depend on this one through strict edges (transitively) are cancelled with the
    /// explanation; all others go on.
    /// </summary>
    public void Deny(long taskId, string reason, Actor actor, DateTimeOffset now, WorkCalendar calendar)
    {
        var task = ActiveTask(taskId);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CaseRuleException("reason-required", "不予许可须说明理由和依据", RuleKind.Invalid);
        }
        Require(task.State is TaskState.Received or TaskState.Reviewing, "task-not-reviewing", TaskStateMessage(task, "作出不予许可决定"));
        task.State = TaskState.Denied;
        task.Reason = reason.Trim();
        task.DecidedAt = now;
        task.ReviewerId = actor.UserId;
        task.ReviewerName = actor.Name;
        Record(CaseEventKind.TaskDenied, task.Id, actor, now, $"{task.DepartmentName}对“{task.MatterName}”不予许可：{task.Reason}");

        var today = Today(now);
        var queue = new Queue<CaseTask>([task]);
        while (queue.Count > 0)
        {
            var stopped = queue.Dequeue();
            foreach (var dependent in _tasks.Where(t => !t.IsTerminal && t.StrictPrerequisites.Contains(stopped.MatterCode)))
            {
                if (dependent.State == TaskState.Paused)
                {
                    ResumeTask(dependent, calendar, today);
                }
                dependent.State = TaskState.Cancelled;
                dependent.Reason = $"前置事项“{stopped.MatterName}”未获准予，本事项终止办理";
                dependent.DecidedAt = now;
                Record(CaseEventKind.TaskCancelled, dependent.Id, actor, now, $"“{dependent.MatterName}”终止：{dependent.Reason}");
                queue.Enqueue(dependent);
            }
        }
        CloseIfDone(actor, now, calendar);
    }

    /// <summary>
    /// Appends a timeline event for something that happens around the case rather than to it (a rating, the reply to a
    /// bad review). Only the domain's own aggregates call it, after checking their rules.
    /// </summary>
    internal void Note(CaseEventKind kind, long? taskId, Actor actor, DateTimeOffset now, string text) => Record(kind, taskId, actor, now, text);

    public IReadOnlySet<string> ProvidedMaterialKeys() => _materials.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);

    public CaseTask TaskById(long taskId) =>
        _tasks.FirstOrDefault(t => t.Id == taskId)
        ?? throw new CaseRuleException("task-not-found", "本办件没有这个子件", RuleKind.Invalid);

    private CaseTask? TaskByMatter(string matterCode) => _tasks.FirstOrDefault(t => t.MatterCode == matterCode);

    private CaseTask ActiveTask(long taskId)
    {
        Require(State == CaseState.InProgress, "not-in-progress", $"办件当前为“{CaseLabels.Of(State)}”，不在办理中");
        return TaskById(taskId);
    }

    private List<CaseTask> OpenReviewPrerequisites(CaseTask task) =>
        task.ReviewPrerequisites.Select(TaskByMatter).Where(t => t is not null && t.State != TaskState.Approved).Select(t => t!).ToList();

    private string Names(IEnumerable<string> matterCodes) => Names(matterCodes.Select(TaskByMatter).Where(t => t is not null).Select(t => t!));

    private static string Names(IEnumerable<CaseTask> tasks) => string.Join("、", tasks.Select(t => $"“{t.MatterName}”"));

    private void PauseTask(CaseTask task, PauseKind kind, string? reason, DateOnly today)
    {
        task.PauseClock(today, kind, reason);
        PausedSince ??= today;
    }

    private void ResumeTask(CaseTask task, WorkCalendar calendar, DateOnly today)
    {
        task.ResumeClock(calendar, today);
        if (PausedSince is { } since && !_tasks.Any(t => t.State == TaskState.Paused))
        {
            PausedWorkingDays += Clock.PausedDays(calendar, since, today);
            PausedSince = null;
            DeadlineOn = Clock.Deadline(calendar, AcceptedOn!.Value, Promised, PausedWorkingDays);
        }
    }

    private void CloseIfDone(Actor actor, DateTimeOffset now, WorkCalendar calendar)
    {
        if (!_tasks.All(t => t.IsTerminal))
        {
            return;
        }
        if (PausedSince is { } since)
        {
            PausedWorkingDays += Clock.PausedDays(calendar, since, Today(now));
            PausedSince = null;
        }
        var approved = _tasks.Count(t => t.State == TaskState.Approved);
        ClosedAt = now;
        if (approved == _tasks.Count)
        {
            State = CaseState.Completed;
            Record(CaseEventKind.Completed, null, actor, now, $"全部 {approved} 个事项准予，办结");
        }
        else if (approved > 0)
        {
            State = CaseState.PartiallyCompleted;
            Record(CaseEventKind.PartiallyCompleted, null, actor, now, $"{approved} 个事项准予、{_tasks.Count - approved} 个事项未获准予，部分办结；已准予事项照常出件");
        }
        else
        {
            State = CaseState.Denied;
            Record(CaseEventKind.Denied, null, actor, now, "全部事项未获准予，办结");
        }
    }

    private void Replace(string answersJson, string formJson, string planJson, TimeLimit promised, IEnumerable<CaseMaterial> materials)
    {
        AnswersJson = answersJson;
        FormJson = formJson;
        PlanJson = planJson;
        PromisedValue = promised.Value;
        PromisedUnit = promised.Unit;
        _materials.RemoveAll(m => m.Origin == MaterialOrigin.Applicant);
        _materials.AddRange(materials);
    }

    private void Record(CaseEventKind kind, long? taskId, Actor actor, DateTimeOffset now, string text)
    {
        var entry = new CaseEvent(kind, taskId, actor, now, text);
        _events.Add(entry);
        _newEvents.Add(entry);
        Version++;
    }

    private static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new CaseRuleException(code, message);
        }
    }

    private static string TaskStateMessage(CaseTask task, string action) => task.State switch
    {
        TaskState.Approved or TaskState.Denied or TaskState.Cancelled =>
            $"“{task.MatterName}”已由{task.ReviewerName ?? "他人"}作出决定（{CaseLabels.Of(task.State)}），不能再{action}",
        TaskState.Waiting => $"“{task.MatterName}”在等待前置事项办结，还不能{action}",
        TaskState.Paused => $"“{task.MatterName}”暂停计时中（{CaseLabels.Of(task.Pause)}），不能{action}",
        TaskState.Received => $"“{task.MatterName}”尚未开始审查，不能{action}",
        TaskState.Reviewing => $"“{task.MatterName}”已在审查中，不能{action}",
    };

    private static string SubmittedText(Filing filing) => filing.Channel switch
    {
        FilingChannel.Online => "申请人网上提交申请",
        FilingChannel.Window => "综合窗口代申请人提交申请",
        FilingChannel.Assistant => $"帮代办员受申请人委托提交申请（授权：{filing.Authorisation}）",
    };

    /// <summary>China Standard Time has no daylight saving: the date at UTC+8.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
}
