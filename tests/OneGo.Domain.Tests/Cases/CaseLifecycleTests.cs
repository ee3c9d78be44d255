using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Tests.Calendar;

namespace OneGo.Domain.Tests.Cases;

/// <summary>
/// The newborn graph in miniature: 出生医学证明 (A) → strict → 出生登记 (B) → strict → 医保参保 (C);
/// B → prereview → 社保卡 (D); A → prereview → 生育医疗费用 (E, needs the tolerable expense list).
/// Accepted on Thursday 2026-09-24, just before 中秋 (9-25..27) and 国庆 (10-01..07, make-up Saturday 10-10).
/// </summary>
public sealed class CaseLifecycleTests
{
    private static readonly WorkCalendar Calendar = OfficialCalendars.Build();
    private static readonly DateTimeOffset Thursday = new(2026, 9, 24, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Applicant = new("u-applicant", "applicant", "张三");
    private static readonly Actor Clerk = new("u-clerk", "clerk", "综窗一号");
    private static readonly Actor Health = new("u-health", "reviewer", "卫健审批员");
    private static readonly Actor Police = new("u-police", "reviewer", "户政审批员");
    private static readonly Actor Other = new("u-other", "reviewer", "另一审批员");

    private static TaskSpec Spec(string code, string name, int days, string[]? strict = null, string[]? review = null, string[]? materials = null, string? resultMaterial = null) =>
        new(code, name, "dept-" + code, name + "部门", new TimeLimit(days, LimitUnit.WorkingDays), strict ?? [], review ?? [], materials ?? [], name + "结果", resultMaterial, null);

    private static readonly TaskSpec[] Specs =
    [
        Spec("A", "出生医学证明首次签发", 5, resultMaterial: "birth-medical-certificate"),
        Spec("B", "出生登记", 3, strict: ["A"]),
        Spec("C", "城乡居民医保参保登记", 2, strict: ["B"]),
        Spec("D", "社会保障卡申领", 5, review: ["B"]),
        Spec("E", "生育医疗费用报销", 5, review: ["A"], materials: ["expense-list"]),
    ];

    private static Case Submitted(FilingChannel channel = FilingChannel.Online, string? authorisation = null) =>
        Case.Start(new CaseApplicant(ApplicantKind.Person, "360732199001011237", "张三"), new Filing(channel, authorisation), 1, "newborn", "新生儿出生“一件事”",
            new TimeLimit(5, LimitUnit.WorkingDays), "{}", "{}", "{}",
            [new CaseMaterial("resident-id-card", "居民身份证", MaterialOrigin.Applicant, Thursday, "h1", "id.pdf", "application/pdf", 100)],
            Applicant, Thursday, submit: true);

    private static Case Accepted(Tolerance? tolerance = null)
    {
        var c = Submitted();
        c.Accept(Specs, tolerance, Clerk, Thursday, Calendar);
        // The database gives ids on save; here the position stands in.
        for (var i = 0; i < c.Tasks.Count; i++)
        {
            typeof(CaseTask).GetProperty(nameof(CaseTask.Id))!.SetValue(c.Tasks[i], i + 1L);
        }
        return c;
    }

    private static CaseTask T(Case c, string code) => c.Tasks.Single(t => t.MatterCode == code);

    private static CaseRuleException Broken(Action action) => Assert.Throws<CaseRuleException>(action);

    [Fact]
    public void Acceptance_sends_every_task_at_once_except_those_behind_a_strict_prerequisite()
    {
        var c = Accepted();

        Assert.Equal(CaseState.InProgress, c.State);
        Assert.Equal(AcceptanceKind.Full, c.Acceptance);
        Assert.Equal(TaskState.Received, T(c, "A").State);
        Assert.Equal(TaskState.Waiting, T(c, "B").State);
        Assert.Equal(TaskState.Waiting, T(c, "C").State);
        Assert.Equal(TaskState.Received, T(c, "D").State); // pre-review: the department starts at once
        Assert.Equal(TaskState.Received, T(c, "E").State);
        // 5 working days from Thursday 9-24 skip 中秋 and 国庆: 9-28, 9-29, 9-30, 10-08, 10-09.
        Assert.Equal(new DateOnly(2026, 10, 9), c.DeadlineOn);
        Assert.Equal(new DateOnly(2026, 10, 9), T(c, "A").DeadlineOn);
        Assert.Null(T(c, "B").DeadlineOn);
        Assert.Equal(5, c.RemainingWorkingDays(Calendar, new DateOnly(2026, 9, 24)));
        Assert.Equal(0, c.RemainingWorkingDays(Calendar, new DateOnly(2026, 10, 9)));
        Assert.Equal(-1, c.RemainingWorkingDays(Calendar, new DateOnly(2026, 10, 10))); // make-up Saturday counts
    }

    [Fact]
    public void A_prereview_task_reviews_at_once_but_decides_only_after_its_prerequisite()
    {
        var c = Accepted();
        c.StartReview(T(c, "D").Id, Other, Thursday);
        Assert.Equal(TaskState.Reviewing, T(c, "D").State);

        var error = Broken(() => c.Approve(T(c, "D").Id, null, Other, Thursday, Calendar));
        Assert.Equal("prerequisite-open", error.Code);
        Assert.Contains("出生登记", error.Message);
        Assert.Equal(TaskState.Reviewing, T(c, "D").State);
    }

    [Fact]
    public void Approving_releases_strict_dependents_and_sends_them_the_result_as_a_material()
    {
        var c = Accepted();
        var later = Thursday.AddDays(4); // Monday 9-28
        c.Approve(T(c, "A").Id, "{\"certificateNo\":\"R360000001\"}", Health, later, Calendar);

        Assert.Equal(TaskState.Approved, T(c, "A").State);
        Assert.Equal(TaskState.Received, T(c, "B").State);
        Assert.Equal(new DateOnly(2026, 9, 28), T(c, "B").ClockStartedOn);
        Assert.Equal(new DateOnly(2026, 10, 8), T(c, "B").DeadlineOn); // 9-29, 9-30, 10-08
        Assert.Equal(TaskState.Waiting, T(c, "C").State);
        var result = Assert.Single(c.Materials, m => m.Origin == MaterialOrigin.TaskResult);
        Assert.Equal("birth-medical-certificate", result.Key);
        Assert.Equal(T(c, "A").Id, result.FromTaskId);
        Assert.Contains(c.NewEvents, e => e.Kind == CaseEventKind.ResultReceived && e.TaskId == T(c, "B").Id);
        Assert.Contains(c.NewEvents, e => e.Kind == CaseEventKind.ResultReceived && e.TaskId == T(c, "E").Id);
    }

    [Fact]
    public void The_second_decision_on_a_task_is_a_conflict_naming_who_decided()
    {
        var c = Accepted();
        c.Approve(T(c, "A").Id, null, Health, Thursday, Calendar);
        var version = c.Version;

        var error = Broken(() => c.Deny(T(c, "A").Id, "材料不全", Other, Thursday, Calendar));

        Assert.Equal(RuleKind.Conflict, error.Kind);
        Assert.Contains("卫健审批员", error.Message);
        Assert.Contains("准予", error.Message);
        Assert.Equal(version, c.Version);
        Assert.Equal(TaskState.Approved, T(c, "A").State);
    }

    [Fact]
    public void A_tolerated_material_holds_the_decision_until_it_is_supplied()
    {
        var c = Accepted(new Tolerance(["expense-list"], 5, "本人承诺五个工作日内补交费用清单"));
        Assert.Equal(AcceptanceKind.WithTolerance, c.Acceptance);
        Assert.Equal(new DateOnly(2026, 10, 9), c.ToleranceDeadline);
        c.Approve(T(c, "A").Id, null, Health, Thursday, Calendar);

        var error = Broken(() => c.Approve(T(c, "E").Id, null, Other, Thursday, Calendar));
        Assert.Equal("tolerated-material-missing", error.Code);

        c.Supply(null, [new CaseMaterial("expense-list", "费用清单", MaterialOrigin.Supplement, Thursday, "h2", "list.pdf", "application/pdf", 10)], Applicant, Thursday, Calendar);
        Assert.Empty(c.OutstandingMaterials);
        Assert.Null(c.ToleranceDeadline);
        c.Approve(T(c, "E").Id, null, Other, Thursday, Calendar);
        Assert.Equal(TaskState.Approved, T(c, "E").State);
    }

    [Fact]
    public void Tolerance_needs_a_commitment_and_a_sensible_deadline()
    {
        Assert.Equal("commitment-required", Broken(() => Submitted().Accept(Specs, new Tolerance(["expense-list"], 5, " "), Clerk, Thursday, Calendar)).Code);
        Assert.Equal("tolerance-deadline", Broken(() => Submitted().Accept(Specs, new Tolerance(["expense-list"], 0, "承诺"), Clerk, Thursday, Calendar)).Code);
        Assert.Equal("tolerance-material-present", Broken(() => Submitted().Accept(Specs, new Tolerance(["resident-id-card"], 3, "承诺"), Clerk, Thursday, Calendar)).Code);
    }

    [Fact]
    public void A_supplement_pauses_the_task_and_the_case_and_pushes_both_deadlines_back_by_the_working_days_waited()
    {
        var c = Accepted();
        c.RequestSupplement(T(c, "A").Id, ["出生医学记录复印件不清晰，请重新上传"], Health, Thursday, Calendar);
        Assert.Equal(TaskState.Paused, T(c, "A").State);
        Assert.Equal(PauseKind.Supplement, T(c, "A").Pause);
        // Frozen while paused: still 5 left on 9-30.
        Assert.Equal(5, T(c, "A").RemainingWorkingDays(Calendar, new DateOnly(2026, 9, 30)));
        Assert.Equal(5, c.RemainingWorkingDays(Calendar, new DateOnly(2026, 9, 30)));

        var wednesday = new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));
        c.Supply(T(c, "A").Id, [new CaseMaterial("birth-medical-record", "出生医学记录", MaterialOrigin.Supplement, wednesday, "h3", "r.pdf", "application/pdf", 10)], Applicant, wednesday, Calendar);

        // Paused 9-28, 9-29, 9-30 = 3 working days; 10-09 + 3 = 10-10 (make-up Saturday), 10-12, 10-13.
        Assert.Equal(TaskState.Reviewing, T(c, "A").State);
        Assert.Equal(3, T(c, "A").PausedWorkingDays);
        Assert.Equal(new DateOnly(2026, 10, 13), T(c, "A").DeadlineOn);
        Assert.Equal(new DateOnly(2026, 10, 13), c.DeadlineOn);
        Assert.Equal(5, T(c, "A").RemainingWorkingDays(Calendar, new DateOnly(2026, 9, 30)));
    }

    [Fact]
    public void A_special_procedure_pauses_until_the_department_resumes_and_the_applicant_cannot_end_it()
    {
        var c = Accepted();
        Assert.Equal("reason-required", Broken(() => c.Suspend(T(c, "A").Id, PauseKind.ExpertReview, "", Health, Thursday)).Code);
        c.Suspend(T(c, "A").Id, PauseKind.ExpertReview, "需组织专家评审", Health, Thursday);
        Assert.Equal("task-not-awaiting-supplement", Broken(() => c.Supply(T(c, "A").Id, [], Applicant, Thursday, Calendar)).Code);
        Assert.Equal("task-not-reviewing", Broken(() => c.Approve(T(c, "A").Id, null, Health, Thursday, Calendar)).Code);
        c.Resume(T(c, "A").Id, Health, Thursday.AddDays(4), Calendar); // Monday 9-28: one working day paused
        Assert.Equal(new DateOnly(2026, 10, 10), T(c, "A").DeadlineOn);
    }

    [Fact]
    public void A_denial_cancels_only_the_strict_descendants_and_the_case_still_completes_partially()
    {
        var c = Accepted();
        c.Approve(T(c, "A").Id, null, Health, Thursday, Calendar);
        c.Approve(T(c, "E").Id, null, Other, Thursday, Calendar);
        c.Deny(T(c, "B").Id, "父母双方均非本县户籍", Police, Thursday, Calendar);

        Assert.Equal(TaskState.Denied, T(c, "B").State);
        Assert.Equal(TaskState.Cancelled, T(c, "C").State);
        Assert.Contains("出生登记", T(c, "C").Reason);
        Assert.Equal(TaskState.Received, T(c, "D").State); // prereview: goes on, but cannot be approved
        Assert.Equal("prerequisite-denied", Broken(() => c.Approve(T(c, "D").Id, null, Other, Thursday, Calendar)).Code);
        Assert.Equal(CaseState.InProgress, c.State);

        c.Deny(T(c, "D").Id, "无公民身份号码，无法制卡", Other, Thursday, Calendar);
        Assert.Equal(CaseState.PartiallyCompleted, c.State);
        Assert.NotNull(c.ClosedAt);
        Assert.Null(c.RemainingWorkingDays(Calendar, new DateOnly(2026, 9, 24)));
    }

    [Fact]
    public void Every_task_approved_completes_the_case()
    {
        var c = Accepted();
        foreach (var code in new[] { "A", "B", "C", "D", "E" })
        {
            c.Approve(T(c, code).Id, null, Health, Thursday, Calendar);
        }
        Assert.Equal(CaseState.Completed, c.State);
        Assert.Equal(CaseEventKind.Completed, c.Events[^1].Kind);
        Assert.Equal("not-in-progress", Broken(() => c.Deny(T(c, "A").Id, "x", Health, Thursday, Calendar)).Code);
    }

    private static Case Completed()
    {
        var c = Accepted();
        foreach (var code in new[] { "A", "B", "C", "D", "E" })
        {
            c.Approve(T(c, code).Id, null, Health, Thursday, Calendar);
        }
        return c;
    }

    [Fact]
    public void Results_are_picked_up_by_the_applicant_whose_ID_number_is_checked_and_only_once()
    {
        var issuer = new Actor("u-issuer", "issuer", "出件窗口");
        Assert.Equal("not-deliverable", Broken(() => Accepted().RecordPickup("张三", "360732199001011237", issuer, Thursday)).Code);

        var c = Completed();
        var stranger = Broken(() => c.RecordPickup("李四", "360732199203150018", issuer, Thursday));
        Assert.Equal("identity-mismatch", stranger.Code);
        Assert.Equal(RuleKind.Invalid, stranger.Kind);
        Assert.Equal("identity-required", Broken(() => c.RecordPickup(" ", "360732199001011237", issuer, Thursday)).Code);
        Assert.Null(c.DeliveredAt);

        c.RecordPickup("张三", "360732199001011237", issuer, Thursday.AddDays(1));
        Assert.Equal(DeliveryMethod.Pickup, c.DeliveryMethod);
        Assert.Equal("张三", c.DeliveredTo);
        Assert.Equal("3607**********1237", c.DeliveryReference);
        Assert.Equal(Thursday.AddDays(1), c.DeliveredAt);
        Assert.Equal(CaseEventKind.Delivered, c.Events[^1].Kind);
        Assert.Equal(CaseState.Completed, c.State);
        var again = Broken(() => c.RecordPosting("兴国县潋江镇", "EMS1", issuer, Thursday));
        Assert.Equal("already-delivered", again.Code);
        Assert.Equal(RuleKind.Conflict, again.Kind);
    }

    [Fact]
    public void Results_are_posted_with_address_and_tracking_number()
    {
        var issuer = new Actor("u-issuer", "issuer", "出件窗口");
        var c = Completed();
        Assert.Equal("posting-incomplete", Broken(() => c.RecordPosting("兴国县潋江镇将军大道 1 号", "", issuer, Thursday)).Code);
        c.RecordPosting("兴国县潋江镇将军大道 1 号", "EMS1234567890CN", issuer, Thursday);
        Assert.Equal(DeliveryMethod.Post, c.DeliveryMethod);
        Assert.Equal("EMS1234567890CN", c.DeliveryReference);
        Assert.Contains("EMS1234567890CN", c.Events[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_correction_loop_lists_everything_at_once_and_keeps_no_clock()
    {
        var c = Submitted();
        Assert.Equal("corrections-empty", Broken(() => c.RequestCorrections([" "], Clerk, Thursday)).Code);
        c.RequestCorrections(["居民身份证复印件不清晰", "户口簿缺户主页"], Clerk, Thursday);
        Assert.Equal(CaseState.CorrectionRequested, c.State);
        Assert.Equal(2, c.CorrectionItems.Length);
        Assert.Null(c.DeadlineOn);
        Assert.Equal("not-awaiting-acceptance", Broken(() => c.Accept(Specs, null, Clerk, Thursday, Calendar)).Code);

        c.Resubmit("{}", "{}", "{}", new TimeLimit(5, LimitUnit.WorkingDays),
            [new CaseMaterial("resident-id-card", "居民身份证", MaterialOrigin.Applicant, Thursday, "h9", "id2.pdf", "application/pdf", 100)], Applicant, Thursday);
        Assert.Equal(CaseState.Submitted, c.State);
        Assert.Empty(c.CorrectionItems);
        Assert.Equal(1, c.CorrectionRounds);
        Assert.Equal("h9", Assert.Single(c.Materials).FileHash);
    }

    [Fact]
    public void Refusal_needs_a_reason_and_closes_the_case()
    {
        var c = Submitted();
        Assert.Equal(RuleKind.Invalid, Broken(() => c.Refuse(" ", Clerk, Thursday)).Kind);
        c.Refuse("不属于本县管辖", Clerk, Thursday);
        Assert.Equal(CaseState.Refused, c.State);
        Assert.True(c.IsClosed);
    }

    [Fact]
    public void An_assistant_must_record_the_authorisation()
    {
        Assert.Equal("authorisation-required", Broken(() => Submitted(FilingChannel.Assistant)).Code);
        var c = Submitted(FilingChannel.Assistant, "授权委托书 2026-0921");
        Assert.Contains("授权委托书", c.Events[0].Text);
    }
}
