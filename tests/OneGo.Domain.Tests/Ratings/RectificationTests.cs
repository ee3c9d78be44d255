using OneGo.Domain.Cases;
using OneGo.Domain.Ratings;
using OneGo.Domain.Supervision;
using OneGo.Domain.Tests.Calendar;
using static OneGo.Domain.Tests.Ratings.RatingFixtures;

namespace OneGo.Domain.Tests.Ratings;

/// <summary>The rectification of a bad review, opened on Thursday 2026-09-24 with 5 working days to answer and 1 to follow up.</summary>
public sealed class RectificationTests
{
    private static readonly OneGo.Domain.Calendar.WorkCalendar Calendar = OfficialCalendars.Build();
    private static readonly DateTimeOffset Later = Thursday.AddDays(4);

    private static (Case Case, Rating Rating, Rectification Rectification) Opened()
    {
        var c = Completed(Calendar);
        var rating = BadMatterRating(c);
        SetId(rating, 7);
        var department = rating.ResponsibleDepartments(c).Single();
        return (c, rating, Rectification.Open(rating, department, Calendar, 5, 1, Thursday));
    }

    private static CaseRuleException Broken(Action action) => Assert.Throws<CaseRuleException>(action);

    [Fact]
    public void The_deadline_counts_working_days_from_the_next_day_across_the_mid_autumn_and_national_day_holidays()
    {
        var (_, _, r) = Opened();
        // 9-25..27 中秋 off; 9-28, 9-29, 9-30 work; 10-01..07 国庆 off; 10-08, 10-09 work.
        Assert.Equal(new DateOnly(2026, 9, 28), r.FollowUpDeadlineOn);
        Assert.Equal(new DateOnly(2026, 10, 9), r.DeadlineOn);
        Assert.Equal(RectificationState.Open, r.State);
        Assert.Equal("xg-health", r.DepartmentCode);
        Assert.Equal(42L, r.CaseId);
        Assert.Equal(7L, r.RatingId);
    }

    [Theory]
    [InlineData("2026-09-24", 5, false, false)]
    [InlineData("2026-09-28", 4, false, false)]
    [InlineData("2026-09-30", 2, false, true)]
    [InlineData("2026-10-07", 2, false, true)]
    [InlineData("2026-10-09", 0, false, true)]
    [InlineData("2026-10-10", -1, true, true)] // 调休上班 Saturday: a working day, and the first overdue one
    [InlineData("2026-10-12", -2, true, true)]
    public void Remaining_working_days_and_overdue_follow_the_calendar(string day, int remaining, bool overdue, bool followUpOverdue)
    {
        var (_, _, r) = Opened();
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(remaining, r.RemainingWorkingDays(Calendar, today));
        Assert.Equal(overdue, r.IsOverdue(today));
        Assert.Equal(followUpOverdue, r.IsFollowUpOverdue(today));
    }

    [Theory]
    [InlineData("2026-09-24", null, null, WarningLevel.Normal)]
    [InlineData("2026-09-30", null, null, WarningLevel.Normal)]
    [InlineData("2026-10-08", null, null, WarningLevel.Yellow)]  // 1 working day left
    [InlineData("2026-10-09", null, null, WarningLevel.Yellow)]  // the deadline day
    [InlineData("2026-10-10", null, null, WarningLevel.Red)]
    [InlineData("2026-09-29", null, 60, WarningLevel.Normal)]    // 2 of 5 working days used
    [InlineData("2026-09-30", null, 60, WarningLevel.Yellow)]    // 3 of 5 used: 60%
    [InlineData("2026-09-28", 4, null, WarningLevel.Yellow)]
    public void The_deadline_turns_yellow_and_red_under_the_same_policy_as_tasks(string day, int? remainingDays, int? usedPercent, WarningLevel expected)
    {
        var (_, _, r) = Opened();
        var policy = remainingDays is null && usedPercent is null ? WarningPolicy.Default : new WarningPolicy(remainingDays, usedPercent);
        Assert.Equal(expected, r.Warning(policy, Calendar, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_appeal_does_not_stop_the_warning_but_an_answer_does()
    {
        var (c, rating, r) = Opened();
        var late = new DateOnly(2026, 10, 12);
        r.FileAppeal("恶意差评", Health, Thursday);
        Assert.Equal(WarningLevel.Red, r.Warning(WarningPolicy.Default, Calendar, late));
        r.DecideAppeal(rating, false, "证据不足", Supervisor, Later);
        r.RecordFollowUp(FollowUpMethod.Phone, "电话联系张三", Health, Later);
        r.RecordResult(RectificationCategory.Immediate, "已整改", Health, Later);
        r.ReplyToRater(c, "已整改", Health, Later);
        Assert.Null(r.Warning(WarningPolicy.Default, Calendar, late));
    }

    [Fact]
    public void Follow_up_result_reply_and_close_run_in_order_and_the_reply_reaches_the_case_timeline()
    {
        var (c, _, r) = Opened();

        r.RecordFollowUp(FollowUpMethod.Phone, "电话联系张三，了解到材料清单不清楚", Health, Thursday);
        Assert.Equal(RectificationState.FollowedUp, r.State);
        Assert.Equal("卫健审批员", r.FollowedUpBy);
        Assert.False(r.IsFollowUpOverdue(new DateOnly(2026, 10, 12)));

        r.RecordResult(RectificationCategory.Immediate, "已更新材料清单并培训窗口人员", Health, Later);
        Assert.Equal(RectificationState.Rectified, r.State);
        Assert.Equal("立即整改", RectificationLabels.Of(r.Category!.Value));

        r.ReplyToRater(c, "感谢您的意见，已整改", Health, Later);
        Assert.Equal(RectificationState.Replied, r.State);
        Assert.True(r.IsAnswered);
        Assert.Null(r.RemainingWorkingDays(Calendar, new DateOnly(2026, 10, 12)));
        Assert.False(r.IsOverdue(new DateOnly(2026, 10, 12)));
        var replied = c.NewEvents[^1];
        Assert.Equal(CaseEventKind.RatingReplied, replied.Kind);
        Assert.Equal(1L, replied.TaskId);
        Assert.Contains("感谢您的意见，已整改", replied.Text, StringComparison.Ordinal);

        r.Close(Health, Later);
        Assert.Equal(RectificationState.Closed, r.State);
        Assert.Equal(4, r.Version);
    }

    [Fact]
    public void Steps_cannot_be_skipped_or_repeated()
    {
        var (c, _, r) = Opened();
        Assert.Equal("not-followed-up", Broken(() => r.RecordResult(RectificationCategory.Ledger, "建台账", Health, Thursday)).Code);
        Assert.Contains("请先回访", Broken(() => r.RecordResult(RectificationCategory.Ledger, "建台账", Health, Thursday)).Message, StringComparison.Ordinal);
        Assert.Equal("not-rectified", Broken(() => r.ReplyToRater(c, "答复", Health, Thursday)).Code);
        Assert.Equal("not-replied", Broken(() => r.Close(Health, Thursday)).Code);

        r.RecordFollowUp(FollowUpMethod.Visit, "上门了解情况", Health, Thursday);
        var twice = Broken(() => r.RecordFollowUp(FollowUpMethod.Phone, "再次回访", Health, Thursday));
        Assert.Equal("not-open", twice.Code);
        Assert.Equal(RuleKind.Conflict, twice.Kind);
        Assert.Contains("待整改", twice.Message, StringComparison.Ordinal);

        r.RecordResult(RectificationCategory.Explanation, "依法解释说明", Health, Thursday);
        Assert.Equal("not-appealable", Broken(() => r.FileAppeal("误评", Health, Thursday)).Code);
        r.ReplyToRater(c, "已解释", Health, Thursday);
        r.Close(Health, Thursday);
        Assert.Equal("not-replied", Broken(() => r.Close(Health, Thursday)).Code);
        Assert.Equal("整改已办结", Broken(() => r.Close(Health, Thursday)).Message);
    }

    [Fact]
    public void Empty_texts_and_unknown_choices_are_invalid()
    {
        var (c, _, r) = Opened();
        Assert.Equal("follow-up-summary-required", Broken(() => r.RecordFollowUp(FollowUpMethod.Phone, " ", Health, Thursday)).Code);
        Assert.Equal("follow-up-method", Broken(() => r.RecordFollowUp((FollowUpMethod)99, "x", Health, Thursday)).Code);
        r.RecordFollowUp(FollowUpMethod.Sms, "短信回访", Health, Thursday);
        Assert.Equal("result-required", Broken(() => r.RecordResult(RectificationCategory.Immediate, null, Health, Thursday)).Code);
        Assert.Equal("rectification-category", Broken(() => r.RecordResult((RectificationCategory)9, "x", Health, Thursday)).Code);
        Assert.Equal("text-too-long", Broken(() => r.RecordResult(RectificationCategory.Immediate, new string('改', 1001), Health, Thursday)).Code);
        r.RecordResult(RectificationCategory.Immediate, "已整改", Health, Thursday);
        var empty = Broken(() => r.ReplyToRater(c, "", Health, Thursday));
        Assert.Equal("reply-required", empty.Code);
        Assert.Equal(RuleKind.Invalid, empty.Kind);
        Assert.Equal(RectificationState.Rectified, r.State);
    }

    [Fact]
    public void Good_reviews_open_no_rectification()
    {
        var c = Completed(Calendar);
        var good = Rating.Submit(c, null, RatingLevel.Basic, Scores(RatingChannel.Online, RatingLevel.Basic), null, [], Lead, Applicant, Thursday);
        Assert.Equal("not-bad-review", Broken(() => Rectification.Open(good, Lead, Calendar, 5, 1, Thursday)).Code);
    }

    [Fact]
    public void An_upheld_appeal_voids_the_review_and_ends_the_rectification()
    {
        var (_, rating, r) = Opened();
        r.RecordFollowUp(FollowUpMethod.Phone, "评价人承认选错了等级", Health, Thursday);
        r.FileAppeal("评价人误选等级，回访录音为证", Health, Thursday);
        Assert.Equal(RectificationState.Appealed, r.State);
        Assert.Equal(AppealState.Pending, r.Appeal);
        Assert.Equal("not-followed-up", Broken(() => r.RecordResult(RectificationCategory.Immediate, "x", Health, Thursday)).Code);

        r.DecideAppeal(rating, uphold: true, "回访录音证实为误评", Supervisor, Later);
        Assert.Equal(RectificationState.Voided, r.State);
        Assert.Equal(AppealState.Upheld, r.Appeal);
        Assert.True(r.IsAnswered);
        Assert.False(rating.CountsInStatistics);
        Assert.Equal("回访录音证实为误评", rating.VoidReason);
        Assert.Equal("no-pending-appeal", Broken(() => r.DecideAppeal(rating, false, "x", Supervisor, Later)).Code);
    }

    [Fact]
    public void A_rejected_appeal_returns_the_rectification_to_where_it_stood_and_cannot_be_repeated()
    {
        var (_, rating, r) = Opened();
        r.FileAppeal("恶意差评", Health, Thursday);
        Assert.Equal("appeal-decision-required", Broken(() => r.DecideAppeal(rating, false, "", Supervisor, Later)).Code);
        r.DecideAppeal(rating, uphold: false, "理由不足，请按期整改", Supervisor, Later);
        Assert.Equal(RectificationState.Open, r.State);
        Assert.Equal(AppealState.Rejected, r.Appeal);
        Assert.True(rating.CountsInStatistics);
        var again = Broken(() => r.FileAppeal("再申诉", Health, Later));
        Assert.Equal("already-appealed", again.Code);
        Assert.Contains("申诉不成立", again.Message, StringComparison.Ordinal);
        Assert.Equal("appeal-reason-required", Broken(() => Opened().Rectification.FileAppeal(null, Health, Thursday)).Code);
    }

    [Fact]
    public void Only_a_pending_appeal_can_be_decided()
    {
        var (_, rating, r) = Opened();
        Assert.Equal("no-pending-appeal", Broken(() => r.DecideAppeal(rating, true, "成立", Supervisor, Thursday)).Code);
    }
}
