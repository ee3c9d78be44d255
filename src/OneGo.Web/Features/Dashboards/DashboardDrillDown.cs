using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Cases;
using OneGo.Web.Data;
using OneGo.Web.Features.Cases;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Dashboards;

/// <summary>One case behind a dashboard figure; the applicant is masked (lists never show full names or ID numbers).</summary>
public sealed record DrillCase(long Id, string? Number, string Bundle, string BundleName, string Applicant, CaseState State, string StateLabel,
    DateTimeOffset? SubmittedAt, DateOnly? DeadlineOn, DateTimeOffset? ClosedAt);

public sealed record DrillPage(string Figure, string FigureLabel, int Total, int Page, int PageSize, IReadOnlyList<DrillCase> Items);

/// <summary>
/// 下钻: the cases behind a figure of the dashboard, within what the user may see (<see cref="CaseQueries.Visible"/>),
/// each linking to its page with the timeline. In a department's scope, a case counts when one of the department's tasks
/// does (as in the figures).
/// </summary>
public static class DashboardDrillDown
{
    public const int PageSize = 20;

    public static readonly IReadOnlyDictionary<string, string> Figures = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["received"] = "收件",
        ["accepted"] = "受理",
        ["tolerated"] = "容缺受理",
        ["corrected"] = "一次性告知补正",
        ["online"] = "网上申报",
        ["window"] = "窗口申报",
        ["assistant"] = "帮代办",
        ["completed"] = "办结",
        ["overdue"] = "当前超期",
    };

    public static async Task<DrillPage> QueryAsync(OneGoDb db, CurrentUser user, DashboardPeriod period, DashboardScope scope, string? figure, int page, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        if (!user.Is(Roles.Supervisor) && !user.Is(Roles.Head))
        {
            throw ProblemException.Forbidden("forbidden", "办件明细供督办人员和部门负责人查看；管理员不查看办件内容");
        }
        if (figure is null || !Figures.TryGetValue(figure, out var label))
        {
            throw ProblemException.BadRequest("figure-unknown", $"figure 应为 {string.Join("、", Figures.Keys)} 之一");
        }
        page = Math.Max(1, page);
        var start = period.Start;
        var end = period.End;
        var query = CaseQueries.Visible(db.Cases.AsNoTracking(), user);
        if (scope.Bundle is { } bundle)
        {
            query = query.Where(c => c.BundleCode == bundle);
        }
        if (scope.Department is { } d)
        {
            query = figure switch
            {
                "completed" => query.Where(c => c.Tasks.Any(t => t.DepartmentCode == d && t.DecidedAt >= start && t.DecidedAt < end
                    && (t.State == TaskState.Approved || t.State == TaskState.Denied))),
                "overdue" => query.Where(c => c.Tasks.Any(t => t.DepartmentCode == d && (t.State == TaskState.Received || t.State == TaskState.Reviewing) && t.DeadlineOn < today)),
                // Tasks reach a department when their case is accepted.
                _ => ByCase(query.Where(c => c.AcceptedAt >= start && c.AcceptedAt < end && c.Tasks.Any(t => t.DepartmentCode == d)), figure),
            };
        }
        else
        {
            query = figure switch
            {
                "received" or "corrected" or "online" or "window" or "assistant" => ByCase(query.Where(c => c.SubmittedAt >= start && c.SubmittedAt < end), figure),
                "accepted" or "tolerated" => ByCase(query.Where(c => c.AcceptedAt >= start && c.AcceptedAt < end), figure),
                "completed" => query.Where(c => c.ClosedAt >= start && c.ClosedAt < end
                    && (c.State == CaseState.Completed || c.State == CaseState.PartiallyCompleted || c.State == CaseState.Denied)),
                _ => query.Where(c => c.State == CaseState.InProgress && c.PausedSince == null && c.DeadlineOn < today),
            };
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new { c.Id, c.Number, c.BundleCode, c.BundleName, c.ApplicantName, c.State, c.SubmittedAt, c.DeadlineOn, c.ClosedAt })
            .ToListAsync(cancellationToken);
        return new DrillPage(figure, label, total, page, PageSize,
            rows.Select(c => new DrillCase(c.Id, c.Number, c.BundleCode, c.BundleName, CaseQueries.MaskName(c.ApplicantName), c.State, CaseLabels.Of(c.State),
                c.SubmittedAt, c.DeadlineOn, c.ClosedAt)).ToList());
    }

    private static IQueryable<Case> ByCase(IQueryable<Case> query, string figure) => figure switch
    {
        "tolerated" => query.Where(c => c.Acceptance == AcceptanceKind.WithTolerance),
        "corrected" => query.Where(c => c.CorrectionRounds > 0),
        "online" => query.Where(c => c.Channel == FilingChannel.Online),
        "window" => query.Where(c => c.Channel == FilingChannel.Window),
        "assistant" => query.Where(c => c.Channel == FilingChannel.Assistant),
        _ => query,
    };
}
