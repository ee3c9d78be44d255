using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Ratings;
using OneGo.Domain.Supervision;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Notifications;

namespace OneGo.Web.Features.Supervision;

/// <summary>What the sweep sends about a rectification (差评整改); each at most once per rectification.</summary>
public enum RectificationAlertKind
{
    /// <summary>催办: the deadline to answer the rater turned yellow; to the department's reviewers.</summary>
    Reminder = 1,

    /// <summary>督办: the deadline passed without an answer; to the department head and the supervision office.</summary>
    Escalation = 2,

    /// <summary>回访催办: the follow-up deadline passed without a follow-up; to the department's reviewers.</summary>
    FollowUpReminder = 3,
}

/// <summary>A reminder or escalation sent for a rectification: at most one per rectification and kind, ever.</summary>
public sealed class RectificationAlertRecord
{
    public long RectificationId { get; set; }
    public RectificationAlertKind Kind { get; set; }
    public long CaseId { get; set; }
    public string DepartmentCode { get; set; } = string.Empty;
    /// <summary>The deadline the alert is about: the follow-up deadline for <see cref="RectificationAlertKind.FollowUpReminder"/>, else the rectification's.</summary>
    public DateOnly DeadlineOn { get; set; }
    public int RemainingWorkingDays { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed record RectificationSweepResult(int Candidates, int Reminders, int Escalations, int FollowUpReminders)
{
    public static readonly RectificationSweepResult None = new(0, 0, 0, 0);
}

/// <summary>
/// Rectifications are supervised like tasks: yellow under the same <see cref="WarningPolicy"/> → 催办 to the responsible
/// department's reviewers; overdue → 督办 to its head(s) and the supervision office; the follow-up (回访) deadline passed
/// without a follow-up → a reminder to the reviewers. Answered (or voided) rectifications are left alone. Claimed and
/// recorded exactly as the tasks' alerts, in <c>RectificationAlerts</c>.
/// </summary>
public static partial class SupervisionSweep
{
    private static readonly AlertTable RectificationAlerts =
        new("RectificationAlerts", nameof(RectificationAlertRecord.RectificationId), nameof(RectificationAlertRecord.Kind));

    private static async Task<RectificationSweepResult> SweepRectificationsAsync(
        OneGoDb db, WorkCalendar calendar, WarningPolicy policy, DateTimeOffset now, DateOnly today, Staff staff, int batch, CancellationToken cancellationToken)
    {
        // The widest yellow band is that of the longest deadline; there are few distinct ones (one per opening day and deadline).
        var spans = await db.Rectifications
            .Where(x => x.State != RectificationState.Replied && x.State != RectificationState.Closed && x.State != RectificationState.Voided)
            .Select(x => new { x.OpenedOn, x.DeadlineOn }).Distinct().ToListAsync(cancellationToken);
        if (spans.Count == 0)
        {
            return RectificationSweepResult.None;
        }
        var within = Math.Max(spans.Max(s => policy.YellowWithin(Clock.Span(calendar, s.OpenedOn, s.DeadlineOn, 0))), policy.YellowRemainingWorkingDays ?? 0);
        var yellowBefore = calendar.AddWorkingDays(today, within + 1).Date;

        int candidates = 0, reminders = 0, escalations = 0, followUps = 0;
        var after = 0L;
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            // Unanswered, and either near or past its deadline and not escalated yet, or not followed up in time and not reminded yet.
            var items = db.IsPostgres
                ? await db.Rectifications.FromSqlInterpolated($"""
                    SELECT * FROM "Rectifications" x
                    WHERE x."State" NOT IN ('Replied', 'Closed', 'Voided') AND x."Id" > {after}
                      AND ((x."DeadlineOn" < {yellowBefore}
                            AND NOT EXISTS (SELECT 1 FROM "RectificationAlerts" a WHERE a."RectificationId" = x."Id" AND a."Kind" = 2))
                        OR (x."FollowedUpAt" IS NULL AND x."FollowUpDeadlineOn" < {today}
                            AND NOT EXISTS (SELECT 1 FROM "RectificationAlerts" a WHERE a."RectificationId" = x."Id" AND a."Kind" = 3)))
                    ORDER BY x."Id" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED
                    """).AsNoTracking().ToListAsync(cancellationToken)
                : await db.Rectifications.AsNoTracking()
                    .Where(x => x.State != RectificationState.Replied && x.State != RectificationState.Closed && x.State != RectificationState.Voided && x.Id > after
                        && ((x.DeadlineOn < yellowBefore
                                && !db.RectificationAlerts.Any(a => a.RectificationId == x.Id && a.Kind == RectificationAlertKind.Escalation))
                            || (x.FollowedUpAt == null && x.FollowUpDeadlineOn < today
                                && !db.RectificationAlerts.Any(a => a.RectificationId == x.Id && a.Kind == RectificationAlertKind.FollowUpReminder))))
                    .OrderBy(x => x.Id).Take(batch).ToListAsync(cancellationToken);
            if (items.Count == 0)
            {
                return new RectificationSweepResult(candidates, reminders, escalations, followUps);
            }
            candidates += items.Count;
            after = items[^1].Id;
            var ids = items.Select(x => x.Id).ToList();
            var alerted = (await db.RectificationAlerts.AsNoTracking().Where(a => ids.Contains(a.RectificationId)).Select(a => new { a.RectificationId, a.Kind }).ToListAsync(cancellationToken))
                .Select(a => (a.RectificationId, a.Kind)).ToHashSet();
            var due = items.SelectMany(x => Due(x, policy, calendar, today)).Where(a => !alerted.Contains((a.Item.Id, a.Kind))).ToList();
            if (due.Count > 0)
            {
                var ratingIds = due.Select(a => a.Item.RatingId).Distinct().ToList();
                var ratings = await db.Ratings.AsNoTracking().Where(r => ratingIds.Contains(r.Id))
                    .Select(r => new { r.Id, r.CaseNumber, r.BundleName, r.MatterName, r.Level }).ToDictionaryAsync(r => r.Id, cancellationToken);
                var audit = new List<AuditItem>();
                var won = await ClaimAsync(db, RectificationAlerts,
                    due.Select(a => new Alert(a.Item.Id, (int)a.Kind, a.Item.CaseId, a.Item.DepartmentCode, a.DeadlineOn, a.Remaining)).ToList(), now, cancellationToken);
                foreach (var (x, kind, deadline, remaining) in due.Where(a => won.Contains((a.Item.Id, (int)a.Kind))))
                {
                    var rating = ratings[x.RatingId];
                    var number = rating.CaseNumber ?? x.CaseId.ToString(CultureInfo.InvariantCulture);
                    // 办件 X（一件事）的“事项”收到“非常不满意”评价
                    var review = $"办件 {number}（{rating.BundleName}）{(rating.MatterName is { } matter ? $"的“{matter}”" : string.Empty)}收到“{rating.Level.Label()}”评价";
                    string action;
                    switch (kind)
                    {
                        case RectificationAlertKind.Reminder:
                            reminders++;
                            action = "supervision.rectification-reminded";
                            foreach (var reviewer in await staff.OfAsync(Roles.Reviewer, x.DepartmentCode))
                            {
                                Notifier.Notify(db, reviewer, "reminder", $"催办：办件 {number} 的差评整改即将到期",
                                    $"{review}，应于 {deadline:yyyy-MM-dd} 前完成整改并答复评价人，{(remaining == 0 ? "今日到期" : $"剩余 {remaining} 个工作日")}，请抓紧办理。",
                                    $"/review/rectifications?id={x.Id}#rectification-detail", now);
                            }
                            break;
                        case RectificationAlertKind.Escalation:
                            escalations++;
                            action = "supervision.rectification-escalated";
                            var title = $"督办：办件 {number} 的差评整改已超期";
                            var body = $"{review}，{x.DepartmentName}应于 {deadline:yyyy-MM-dd} 前完成整改并答复评价人，已超期 {-remaining} 个工作日，请督促整改并说明超期原因。";
                            foreach (var head in await staff.OfAsync(Roles.Head, x.DepartmentCode))
                            {
                                Notifier.Notify(db, head, "escalation", title, body, $"/cases/{x.CaseId}", now);
                            }
                            foreach (var supervisor in await staff.OfAsync(Roles.Supervisor, null))
                            {
                                Notifier.Notify(db, supervisor, "escalation", title, body, $"/supervise/rectifications?id={x.Id}#rectification-detail", now);
                            }
                            break;
                        default:
                            followUps++;
                            action = "supervision.follow-up-reminded";
                            foreach (var reviewer in await staff.OfAsync(Roles.Reviewer, x.DepartmentCode))
                            {
                                Notifier.Notify(db, reviewer, "reminder", $"催办：办件 {number} 的差评尚未回访",
                                    $"{review}，应于 {deadline:yyyy-MM-dd} 前回访评价人，已逾期 {-remaining} 个工作日仍未回访，请尽快回访（整改期限 {x.DeadlineOn:yyyy-MM-dd}）。",
                                    $"/review/rectifications?id={x.Id}#rectification-detail", now);
                            }
                            break;
                    }
                    audit.Add(new AuditItem("system", "system", action, $"case:{number}/rectification:{x.Id}", "成功"));
                }
                await WriteAsync(db, audit, now, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private sealed record RectificationDue(Rectification Item, RectificationAlertKind Kind, DateOnly DeadlineOn, int Remaining);

    // What a rectification is due today: 催办 when yellow, 督办 when red (only the current level, as for tasks), and the follow-up reminder.
    private static IEnumerable<RectificationDue> Due(Rectification x, WarningPolicy policy, WorkCalendar calendar, DateOnly today)
    {
        var level = x.Warning(policy, calendar, today);
        if (level is WarningLevel.Yellow or WarningLevel.Red && x.RemainingWorkingDays(calendar, today) is { } remaining)
        {
            yield return new(x, level == WarningLevel.Yellow ? RectificationAlertKind.Reminder : RectificationAlertKind.Escalation, x.DeadlineOn, remaining);
        }
        if (x.IsFollowUpOverdue(today))
        {
            yield return new(x, RectificationAlertKind.FollowUpReminder, x.FollowUpDeadlineOn, Clock.Remaining(calendar, x.FollowUpDeadlineOn, today));
        }
    }
}
