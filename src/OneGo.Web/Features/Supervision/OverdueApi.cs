using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Supervision;
using OneGo.Web.Data;
using OneGo.Web.Features.Cases;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Supervision;

/// <summary>
/// 超期督办台账: the running tasks that are overdue (red) or about to be (yellow), most overdue first, with when each
/// was reminded or escalated, and the counts per department. The supervision office sees every department, a
/// department head their own. Paused tasks (补正, 特别程序) are not listed: their clock stands still, as in the sweep.
/// </summary>
public static class OverdueApi
{
    public const int MaxPageSize = 100;

    public sealed record OverdueItem(
        long TaskId, long CaseId, string? CaseNumber, string BundleName, string Matter, string MatterName, string Department, string DepartmentName,
        TaskState State, string StateLabel, DateOnly DeadlineOn, int RemainingWorkingDays, WarningLevel Level, DateTimeOffset? RemindedAt, DateTimeOffset? EscalatedAt);

    public sealed record DepartmentCount(string Department, string DepartmentName, int Red, int Yellow);

    /// <summary>One page of the list at <paramref name="Level"/>; <paramref name="Departments"/> counts both levels per department in scope.</summary>
    public sealed record OverduePage(
        string Level, string? Department, DateOnly Today, int Total, int Page, int PageSize, IReadOnlyList<OverdueItem> Items, IReadOnlyList<DepartmentCount> Departments);

    public static IEndpointRouteBuilder MapSupervision(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/supervision").WithTags("Supervision").AddEndpointFilter<ProblemFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/overdue", List).RequireAuthorization(p => p.RequireRole(Roles.Supervisor, Roles.Head))
            .Produces<OverduePage>()
            .WithSummary("超期督办台账：level=red 已超期（默认）或 yellow 即将到期；department 部门（部门负责人只能看本部门）；page、pageSize 翻页");
        return app;
    }

    private static async Task<IResult> List(
        HttpContext context, CaseService service, string? level, string? department, int? page, int? pageSize, CancellationToken cancellationToken) =>
        Results.Ok(await PageAsync(service, CurrentUser.From(context.User), level, department, page ?? 1, pageSize ?? 20, cancellationToken));

    public static async Task<OverduePage> PageAsync(
        CaseService service, CurrentUser user, string? level, string? department, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var names = (await service.CurrentCatalogAsync(cancellationToken)).Catalog.Departments.ToDictionary(d => d.Code, d => d.Name);
        return await PageAsync(service.Db, await service.CalendarAsync(cancellationToken), service.Warnings, names, Case.Today(service.Now),
            user, level, department, page, pageSize, cancellationToken);
    }

    /// <summary>The list as of <paramref name="today"/> (the benchmark calls this one directly).</summary>
    public static async Task<OverduePage> PageAsync(
        OneGoDb db, WorkCalendar calendar, WarningPolicy policy, IReadOnlyDictionary<string, string> departmentNames, DateOnly today,
        CurrentUser user, string? level, string? department, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(departmentNames);
        ArgumentNullException.ThrowIfNull(user);
        var wanted = (level ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" or "red" => WarningLevel.Red,
            "yellow" => WarningLevel.Yellow,
            _ => throw ProblemException.BadRequest("invalid-level", $"没有预警级别“{level}”，可选：red（已超期）、yellow（即将到期）"),
        };
        if (page < 1 || pageSize is < 1 or > MaxPageSize)
        {
            throw ProblemException.BadRequest("invalid-page", $"页码须从 1 开始，每页 1 至 {MaxPageSize} 条");
        }
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        if (!user.Is(Roles.Supervisor))
        {
            // A department head: their own department only.
            if (department is not null && !string.Equals(department, user.Department, StringComparison.Ordinal))
            {
                throw ProblemException.Forbidden("department-not-visible", "只能查看本部门的超期子件");
            }
            department = user.Department ?? throw ProblemException.Forbidden("department-not-visible", "您的账号没有所属部门");
        }

        var cutoff = RedCutoff(calendar, today);
        var yellowBefore = await SupervisionSweep.YellowHorizonAsync(db, calendar, policy, today, cancellationToken);

        var running = db.Tasks.AsNoTracking()
            .Where(t => (t.State == TaskState.Received || t.State == TaskState.Reviewing) && t.PausedSince == null && t.DeadlineOn != null);
        if (department is not null)
        {
            running = running.Where(t => t.DepartmentCode == department);
        }
        // Red exactly when a working day has passed since the deadline: the deadline is before the last working day up to today.
        var red = running.Where(t => t.DeadlineOn < cutoff);
        // Yellow depends on each task's own span: the few due soon are weighed by the domain.
        var yellow = (await running.Where(t => t.DeadlineOn >= cutoff && t.DeadlineOn < yellowBefore).ToListAsync(cancellationToken))
            .Where(t => t.Warning(policy, calendar, today) == WarningLevel.Yellow)
            .OrderBy(t => t.DeadlineOn).ThenBy(t => t.Id).ToList();

        var redCounts = await red.GroupBy(t => t.DepartmentCode).Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.Code, r => r.Count, cancellationToken);
        var yellowCounts = yellow.GroupBy(t => t.DepartmentCode).ToDictionary(g => g.Key, g => g.Count());
        var departments = redCounts.Keys.Union(yellowCounts.Keys)
            .Select(code => new DepartmentCount(code, departmentNames.GetValueOrDefault(code, code), redCounts.GetValueOrDefault(code), yellowCounts.GetValueOrDefault(code)))
            .OrderByDescending(d => d.Red).ThenByDescending(d => d.Yellow).ThenBy(d => d.Department, StringComparer.Ordinal).ToList();

        List<CaseTask> rows;
        int total;
        if (wanted == WarningLevel.Red)
        {
            total = redCounts.Values.Sum();
            rows = await red.OrderBy(t => t.DeadlineOn).ThenBy(t => t.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        }
        else
        {
            total = yellow.Count;
            rows = yellow.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        }

        var caseIds = rows.Select(t => t.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.BundleName }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var taskIds = rows.Select(t => t.Id).ToList();
        var alerts = await db.SupervisionAlerts.AsNoTracking().Where(a => taskIds.Contains(a.TaskId))
            .Select(a => new { a.TaskId, a.Level, a.At }).ToListAsync(cancellationToken);
        var items = rows.Select(t => new OverdueItem(
            t.Id, t.CaseId, cases[t.CaseId].Number, cases[t.CaseId].BundleName, t.MatterCode, t.MatterName, t.DepartmentCode, t.DepartmentName,
            t.State, CaseLabels.Of(t.State), t.DeadlineOn!.Value, t.RemainingWorkingDays(calendar, today)!.Value, wanted,
            alerts.FirstOrDefault(a => a.TaskId == t.Id && a.Level == WarningLevel.Yellow)?.At.ToOffset(TimeSpan.FromHours(8)),
            alerts.FirstOrDefault(a => a.TaskId == t.Id && a.Level == WarningLevel.Red)?.At.ToOffset(TimeSpan.FromHours(8)))).ToList();
        return new OverduePage(Level.Of(wanted), department, today, total, page, pageSize, items, departments);
    }

    /// <summary>The last working day on or before <paramref name="today"/>: a deadline before it has had a working day pass.</summary>
    internal static DateOnly RedCutoff(WorkCalendar calendar, DateOnly today)
    {
        var day = today;
        for (var i = 0; i < 366 && !calendar.IsWorkingDay(day); i++)
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    private static class Level
    {
        public static string Of(WarningLevel level) => level == WarningLevel.Red ? "red" : "yellow";
    }
}
