using OneGo.Domain.Calendar;
using OneGo.Domain.Ratings;
using OneGo.Domain.Supervision;
using OneGo.Web.Features.Cases;

namespace OneGo.Web.Features.Ratings;

public sealed record LevelView(RatingLevel Level, string Label, bool IsBad);

public sealed record ScoreView(RatingIndicator Indicator, string Label, RatingLevel Level, string LevelLabel);

public sealed record IndicatorView(RatingIndicator Indicator, string Label);

/// <summary>What can still be rated on a case: the whole case (<c>Task</c> null) or one matter.</summary>
public sealed record RatingSubject(long? Task, string Name, string? DepartmentName);

/// <summary>A department's answer to a bad review, as the rater sees it on their case.</summary>
public sealed record ReplyView(string DepartmentName, string? Category, string Reply, DateTimeOffset RepliedAt);

public sealed record RatingView(
    long Id, long CaseId, string? CaseNumber, string BundleName, long? Task, string? MatterName, string? DepartmentName,
    RatingChannel Channel, string ChannelLabel, RatingLevel Level, string LevelLabel, bool IsBad, IReadOnlyList<ScoreView> Scores,
    string Comment, string RaterName, DateTimeOffset RatedAt, bool Voided, IReadOnlyList<ReplyView> Replies)
{
    public static RatingView From(Rating r, IEnumerable<Rectification> rectifications, bool unmasked) => new(
        r.Id, r.CaseId, r.CaseNumber, r.BundleName, r.TaskId, r.MatterName, r.DepartmentName,
        r.Channel, r.Channel.Label(), r.Level, r.Level.Label(), r.IsBad, ScoresOf(r), r.Comment,
        unmasked ? r.RaterName : CaseQueries.MaskName(r.RaterName), Cst.Of(r.RatedAt), !r.CountsInStatistics,
        rectifications.Where(x => x.RatingId == r.Id && x.Reply is not null && x.RepliedAt is not null)
            .Select(x => new ReplyView(x.DepartmentName, x.Category is { } c ? RectificationLabels.Of(c) : null, x.Reply!, Cst.Of(x.RepliedAt!.Value)))
            .ToList());

    public static IReadOnlyList<ScoreView> ScoresOf(Rating r) =>
        RatingIndicators.For(r.Channel).Where(r.Scores.ContainsKey)
            .Select(i => new ScoreView(i, i.Label(), r.Scores[i], r.Scores[i].Label())).ToList();
}

/// <summary>The rating part of a case: the channel's form, what is still open to rating, and the ratings with the departments' replies.</summary>
public sealed record RatingSheet(
    long CaseId, bool CanRate, string? Reason, RatingChannel Channel, string ChannelLabel, IReadOnlyList<LevelView> Levels,
    IReadOnlyList<IndicatorView> Indicators, IReadOnlyList<RatingSubject> Open, IReadOnlyList<RatingView> Ratings);

/// <summary>
/// A rectification as the responsible department and the supervision office see it (the rater's name masked);
/// <c>Warning</c> is the level of its deadline under the tasks' warning policy, null once answered.
/// </summary>
public sealed record RectificationView(
    long Id, long RatingId, long CaseId, string? CaseNumber, string BundleName, long? Task, string? MatterName,
    string Department, string DepartmentName,
    RatingLevel Level, string LevelLabel, RatingChannel Channel, string ChannelLabel, IReadOnlyList<ScoreView> Scores, string Comment,
    string RaterName, DateTimeOffset RatedAt,
    RectificationState State, string StateLabel, DateTimeOffset OpenedAt, DateOnly FollowUpDeadlineOn, DateOnly DeadlineOn,
    int? RemainingWorkingDays, WarningLevel? Warning, bool Overdue, bool FollowUpOverdue,
    FollowUpMethod? FollowUpMethod, string? FollowUpMethodLabel, string? FollowUpSummary, DateTimeOffset? FollowedUpAt, string? FollowedUpBy,
    RectificationCategory? Category, string? CategoryLabel, string? Result, DateTimeOffset? RectifiedAt, string? RectifiedBy,
    string? Reply, DateTimeOffset? RepliedAt, string? RepliedBy, DateTimeOffset? ClosedAt, string? ClosedBy,
    AppealState Appeal, string AppealLabel, string? AppealReason, DateTimeOffset? AppealedAt, string? AppealedBy,
    string? AppealDecision, DateTimeOffset? AppealDecidedAt, string? AppealDecidedBy, int Version)
{
    public static RectificationView From(Rectification x, WorkCalendar calendar, DateOnly today, WarningPolicy policy)
    {
        var r = x.Rating ?? throw new InvalidOperationException("整改须连同差评一起读取");
        return new(
            x.Id, x.RatingId, x.CaseId, r.CaseNumber, r.BundleName, r.TaskId, r.MatterName, x.DepartmentCode, x.DepartmentName,
            r.Level, r.Level.Label(), r.Channel, r.Channel.Label(), RatingView.ScoresOf(r), r.Comment,
            CaseQueries.MaskName(r.RaterName), Cst.Of(r.RatedAt),
            x.State, RectificationLabels.Of(x.State), Cst.Of(x.OpenedAt), x.FollowUpDeadlineOn, x.DeadlineOn,
            x.RemainingWorkingDays(calendar, today), x.Warning(policy, calendar, today), x.IsOverdue(today), x.IsFollowUpOverdue(today),
            x.FollowUpMethod, x.FollowUpMethod is { } m ? RectificationLabels.Of(m) : null, x.FollowUpSummary, Cst.Of(x.FollowedUpAt), x.FollowedUpBy,
            x.Category, x.Category is { } c ? RectificationLabels.Of(c) : null, x.Result, Cst.Of(x.RectifiedAt), x.RectifiedBy,
            x.Reply, Cst.Of(x.RepliedAt), x.RepliedBy, Cst.Of(x.ClosedAt), x.ClosedBy,
            x.Appeal, RectificationLabels.Of(x.Appeal), x.AppealReason, Cst.Of(x.AppealedAt), x.AppealedBy,
            x.AppealDecision, Cst.Of(x.AppealDecidedAt), x.AppealDecidedBy, x.Version);
    }
}
