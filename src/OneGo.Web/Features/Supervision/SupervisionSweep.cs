using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Supervision;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Cases;
using OneGo.Web.Features.Notifications;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Supervision;

/// <summary>A reminder (催办, yellow) or escalation (督办, red) sent for a task: at most one per task and level, ever.</summary>
public sealed class SupervisionAlertRecord
{
    public long TaskId { get; set; }
    public WarningLevel Level { get; set; }
    public long CaseId { get; set; }
    public string DepartmentCode { get; set; } = string.Empty;
    public DateOnly DeadlineOn { get; set; }
    public int RemainingWorkingDays { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>What one sweep did: the tasks' alerts, and (<see cref="Rectifications"/>) the rectifications'.</summary>
public sealed record SweepResult(int Candidates, int Reminders, int Escalations, TimeSpan Elapsed)
{
    public RectificationSweepResult Rectifications { get; init; } = RectificationSweepResult.None;
}

/// <summary>
/// 超期办件自动催办督办: finds the running tasks that are yellow or red under the policy and, for each that has not had
/// that alert yet, records the alert and notifies — the department's reviewers when yellow (催办), the department head
/// and the supervision office when red (督办). Exactly once per task and level, also with several nodes: the batch of
/// tasks is claimed with <c>FOR UPDATE SKIP LOCKED</c> (PostgreSQL), and the alert row is inserted with
/// <c>ON CONFLICT DO NOTHING</c> — only the node whose insert counted notifies, in the same transaction. The same run
/// then supervises the open rectifications of bad reviews the same way (<see cref="RectificationAlertRecord"/>).
/// </summary>
public static partial class SupervisionSweep
{
    private static readonly TaskState[] Running = [TaskState.Received, TaskState.Reviewing];

    public static async Task<SweepResult> RunAsync(OneGoDb db, WorkCalendar calendar, WarningPolicy policy, DateTimeOffset now, CancellationToken cancellationToken, int batch = 2000)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var today = Case.Today(now);
        var staff = new Staff(db, cancellationToken);
        var (candidates, reminders, escalations) = await SweepTasksAsync(db, calendar, policy, now, today, staff, batch, cancellationToken);
        var rectifications = await SweepRectificationsAsync(db, calendar, policy, now, today, staff, batch, cancellationToken);
        return new SweepResult(candidates, reminders, escalations, System.Diagnostics.Stopwatch.GetElapsedTime(started)) { Rectifications = rectifications };
    }

    private static async Task<(int Candidates, int Reminders, int Escalations)> SweepTasksAsync(
        OneGoDb db, WorkCalendar calendar, WarningPolicy policy, DateTimeOffset now, DateOnly today, Staff staff, int batch, CancellationToken cancellationToken)
    {
        var yellowBefore = await YellowHorizonAsync(db, calendar, policy, today, cancellationToken);

        int candidates = 0, reminders = 0, escalations = 0;
        var after = 0L;
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            var tasks = db.IsPostgres
                ? await db.Tasks.FromSqlInterpolated($"""
                    SELECT * FROM "Tasks" t
                    WHERE t."State" IN (1, 2) AND t."PausedSince" IS NULL AND t."DeadlineOn" < {yellowBefore} AND t."Id" > {after}
                      AND NOT EXISTS (SELECT 1 FROM "SupervisionAlerts" a WHERE a."TaskId" = t."Id" AND a."Level" = 2)
                    ORDER BY t."Id" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED
                    """).AsNoTracking().ToListAsync(cancellationToken)
                : await db.Tasks.AsNoTracking()
                    .Where(t => Running.Contains(t.State) && t.PausedSince == null && t.DeadlineOn < yellowBefore && t.Id > after
                        && !db.SupervisionAlerts.Any(a => a.TaskId == t.Id && a.Level == WarningLevel.Red))
                    .OrderBy(t => t.Id).Take(batch).ToListAsync(cancellationToken);
            if (tasks.Count == 0)
            {
                return (candidates, reminders, escalations);
            }
            candidates += tasks.Count;
            after = tasks[^1].Id;
            var ids = tasks.Select(t => t.Id).ToList();
            var alerted = (await db.SupervisionAlerts.AsNoTracking().Where(a => ids.Contains(a.TaskId)).Select(a => new { a.TaskId, a.Level }).ToListAsync(cancellationToken))
                .Select(a => (a.TaskId, a.Level)).ToHashSet();
            var due = tasks.Select(t => (Task: t, Level: t.Warning(policy, calendar, today)))
                .Where(x => x.Level is WarningLevel.Yellow or WarningLevel.Red && !alerted.Contains((x.Task.Id, x.Level.Value)))
                .ToList();
            if (due.Count > 0)
            {
                var caseIds = due.Select(x => x.Task.CaseId).Distinct().ToList();
                var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
                    .Select(c => new { c.Id, c.Number, c.BundleName }).ToDictionaryAsync(c => c.Id, cancellationToken);
                var audit = new List<AuditItem>();
                var claims = due.Select(x => new Claim(x.Task, x.Level!.Value, x.Task.RemainingWorkingDays(calendar, today)!.Value)).ToList();
                // Another node may have got there first: only what this node's insert counted is notified.
                var won = await ClaimAsync(db, TaskAlerts,
                    claims.Select(c => new Alert(c.Task.Id, (int)c.Level, c.Task.CaseId, c.Task.DepartmentCode, c.Task.DeadlineOn!.Value, c.Remaining)).ToList(), now, cancellationToken);
                var digest = new Digest();
                foreach (var (task, level, remaining) in claims.Where(c => won.Contains((c.Task.Id, (int)c.Level))))
                {
                    var @case = cases[task.CaseId];
                    var number = @case.Number ?? @case.Id.ToString(CultureInfo.InvariantCulture);
                    if (level == WarningLevel.Yellow)
                    {
                        reminders++;
                        var when = remaining == 0 ? "今日到期" : $"剩余 {remaining} 个工作日";
                        var single = new Message(
                            $"催办：“{task.MatterName}”即将到期",
                            $"办件 {number}（{@case.BundleName}）的“{task.MatterName}”应于 {task.DeadlineOn:yyyy-MM-dd} 前办结，{when}，请抓紧办理。",
                            $"/review/tasks/{task.Id}");
                        foreach (var reviewer in await staff.OfAsync(Roles.Reviewer, task.DepartmentCode))
                        {
                            digest.Add(reviewer, "reminder", single, $"{number}“{task.MatterName}”{when}");
                        }
                    }
                    else
                    {
                        escalations++;
                        var single = new Message(
                            $"督办：“{task.MatterName}”已超期",
                            $"办件 {number}（{@case.BundleName}）的“{task.MatterName}”（{task.DepartmentName}）应于 {task.DeadlineOn:yyyy-MM-dd} 前办结，已超期 {-remaining} 个工作日，请督促办理并说明超期原因。",
                            $"/cases/{task.CaseId}");
                        var line = $"{number}“{task.MatterName}”（{task.DepartmentName}）超期 {-remaining} 个工作日";
                        foreach (var head in await staff.OfAsync(Roles.Head, task.DepartmentCode))
                        {
                            digest.Add(head, "escalation", single, line);
                        }
                        foreach (var supervisor in await staff.OfAsync(Roles.Supervisor, null))
                        {
                            digest.Add(supervisor, "escalation", single, line);
                        }
                    }
                    audit.Add(new AuditItem("system", "system", level == WarningLevel.Yellow ? "supervision.reminded" : "supervision.escalated", $"case:{number}/task:{task.Id}", "成功"));
                }
                digest.Send(db, now);
                await WriteAsync(db, audit, now, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private sealed record Claim(CaseTask Task, WarningLevel Level, int Remaining);

    private sealed record Message(string Title, string Body, string Link);

    /// <summary>
    /// The alerts of one batch, one message per person and kind: a task alone keeps its own message (and link to the
    /// task or case); several become one 催办/督办 that lists them and links to the list of them — a backlog turning red
    /// overnight is a few messages and SMS per person, not thousands.
    /// </summary>
    private sealed class Digest
    {
        private const int Listed = 10;

        private readonly Dictionary<(string Person, string Kind), (Recipient To, List<(Message Single, string Line)> Items)> _messages = [];

        public void Add(Recipient to, string kind, Message single, string line)
        {
            var key = (to.UserId ?? to.Phone ?? to.Email ?? string.Empty, kind);
            if (!_messages.TryGetValue(key, out var entry))
            {
                _messages[key] = entry = (to, []);
            }
            entry.Items.Add((single, line));
        }

        public void Send(OneGoDb db, DateTimeOffset now)
        {
            foreach (var ((_, kind), (to, items)) in _messages)
            {
                if (items.Count == 1)
                {
                    var one = items[0].Single;
                    Notifier.Notify(db, to, kind, one.Title, one.Body, one.Link, now);
                    continue;
                }
                var list = string.Join("；", items.Take(Listed).Select(i => i.Line)) + (items.Count > Listed ? $" 等 {items.Count} 件" : string.Empty);
                if (kind == "reminder")
                {
                    Notifier.Notify(db, to, kind, $"催办：{items.Count} 件子件即将到期", $"{list}。请抓紧办理。", "/review", now);
                }
                else
                {
                    Notifier.Notify(db, to, kind, $"督办：{items.Count} 件子件已超期", $"{list}。请督促办理并说明超期原因。", "/supervise/overdue", now);
                }
            }
        }
    }

    /// <summary>
    /// Only running tasks due before this day can be yellow (or red): the widest yellow band is that of the longest
    /// running limit.
    /// </summary>
    internal static async Task<DateOnly> YellowHorizonAsync(OneGoDb db, WorkCalendar calendar, WarningPolicy policy, DateOnly today, CancellationToken cancellationToken)
    {
        var longest = await db.Tasks.Where(t => Running.Contains(t.State) && t.DeadlineOn != null)
            .Select(t => (int?)(t.LimitUnit == LimitUnit.WorkingDays ? t.LimitValue : t.LimitValue * 31)).MaxAsync(cancellationToken) ?? 0;
        var within = Math.Max(policy.YellowWithin(longest), policy.YellowRemainingWorkingDays ?? 0);
        return calendar.AddWorkingDays(today, within + 1).Date;
    }

    /// <summary>The staff to notify, looked up once per role and department in a sweep.</summary>
    private sealed class Staff(OneGoDb db, CancellationToken cancellationToken)
    {
        private readonly Dictionary<(string Role, string? Department), List<Recipient>> _known = [];

        public async Task<List<Recipient>> OfAsync(string role, string? department)
        {
            if (!_known.TryGetValue((role, department), out var list))
            {
                _known[(role, department)] = list = await Notifier.StaffAsync(db, role, department, cancellationToken);
            }
            return list;
        }
    }

    // The batch's notifications and audit entries, in the caller's transaction.
    private static async Task WriteAsync(OneGoDb db, List<AuditItem> audit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        AuditLog.Append(db, audit, now);
        if (db.IsPostgres)
        {
            await BulkInsertAsync(db, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    // A backlog can mean tens of thousands of notifications in one sweep: on PostgreSQL the new inbox, outbox and audit
    // rows go in as one statement per table (arrays unnested into rows) instead of one INSERT per row.
    private static async Task BulkInsertAsync(OneGoDb db, CancellationToken cancellationToken)
    {
        var inbox = Added<InboxItemRecord>(db);
        if (inbox.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Inbox" ("UserId", "Kind", "Title", "Body", "Link", "CreatedAt")
                SELECT * FROM unnest({inbox.Select(i => i.UserId).ToArray()}, {inbox.Select(i => i.Kind).ToArray()}, {inbox.Select(i => i.Title).ToArray()},
                                     {inbox.Select(i => i.Body).ToArray()}, {inbox.Select(i => i.Link).ToArray()}, {inbox.Select(i => i.CreatedAt.ToUniversalTime()).ToArray()})
                """, cancellationToken);
        }
        var outbox = Added<OutboxMessageRecord>(db);
        if (outbox.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Outbox" ("Channel", "Recipient", "UserId", "Subject", "Body", "CreatedAt", "NextAttemptAt", "Attempts")
                SELECT c, r, u, s, b, t, t, 0 FROM unnest({outbox.Select(m => m.Channel).ToArray()}, {outbox.Select(m => m.Recipient).ToArray()}, {outbox.Select(m => m.UserId).ToArray()},
                                     {outbox.Select(m => m.Subject).ToArray()}, {outbox.Select(m => m.Body).ToArray()}, {outbox.Select(m => m.CreatedAt.ToUniversalTime()).ToArray()})
                     AS x(c, r, u, s, b, t)
                """, cancellationToken);
        }
        var audit = Added<PendingAuditEntry>(db);
        if (audit.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "AuditPending" ("At", "ActorId", "ActorRole", "Action", "Target", "Outcome")
                SELECT * FROM unnest({audit.Select(a => a.At.ToUniversalTime()).ToArray()}, {audit.Select(a => a.ActorId).ToArray()}, {audit.Select(a => a.ActorRole).ToArray()},
                                     {audit.Select(a => a.Action).ToArray()}, {audit.Select(a => a.Target).ToArray()}, {audit.Select(a => a.Outcome).ToArray()})
                """, cancellationToken);
        }
    }

    // Takes the rows added to the change tracker out of it (they are written by the bulk statements instead).
    private static List<T> Added<T>(OneGoDb db) where T : class
    {
        var entries = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).ToList();
        foreach (var entry in entries)
        {
            entry.State = EntityState.Detached;
        }
        return entries.Select(e => e.Entity).ToList();
    }

    /// <summary>An alert table: its name, the column of the supervised row's id and that of the level or kind.</summary>
    private sealed record AlertTable(string Name, string Key, string Kind);

    private static readonly AlertTable TaskAlerts = new("SupervisionAlerts", nameof(SupervisionAlertRecord.TaskId), nameof(SupervisionAlertRecord.Level));

    /// <summary>One alert row to claim: the supervised row (task or rectification), the level or kind, and what it was about.</summary>
    private sealed record Alert(long Id, int Kind, long CaseId, string DepartmentCode, DateOnly DeadlineOn, int Remaining);

    private sealed record Claimed(long Id, int Kind);

    // The alert row is the claim: of two nodes inserting it, one inserts and notifies, the other's insert counts 0.
    // The table and column names are constants of this class; every value is a parameter.
    private static async Task<HashSet<(long, int)>> ClaimAsync(OneGoDb db, AlertTable table, List<Alert> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var won = new HashSet<(long, int)>();
        var columns = $$"""
            "{{table.Name}}" ("{{table.Key}}", "{{table.Kind}}", "CaseId", "DepartmentCode", "DeadlineOn", "RemainingWorkingDays", "At")
            """;
        if (db.IsPostgres)
        {
            // One statement per batch: the arrays are unnested into rows, and RETURNING names the rows inserted.
            var rows = await db.Database.SqlQuery<Claimed>(FormattableStringFactory.Create($$"""
                INSERT INTO {{columns}}
                SELECT i, k, c, d, dl, r, {0}
                FROM unnest({1}, {2}, {3}, {4}, {5}, {6}) AS x(i, k, c, d, dl, r)
                ON CONFLICT DO NOTHING
                RETURNING "{{table.Key}}" AS "Id", "{{table.Kind}}" AS "Kind"
                """, now.ToUniversalTime(), alerts.Select(a => a.Id).ToArray(), alerts.Select(a => a.Kind).ToArray(), alerts.Select(a => a.CaseId).ToArray(),
                alerts.Select(a => a.DepartmentCode).ToArray(), alerts.Select(a => a.DeadlineOn).ToArray(), alerts.Select(a => a.Remaining).ToArray()))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                won.Add((row.Id, row.Kind));
            }
            return won;
        }
        // SQLite: one node, writes serialised; one insert per alert.
        var at = now.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        foreach (var alert in alerts)
        {
            var deadline = alert.DeadlineOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var inserted = await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create($$"""
                INSERT INTO {{columns}}
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})
                ON CONFLICT DO NOTHING
                """, alert.Id, alert.Kind, alert.CaseId, alert.DepartmentCode, deadline, alert.Remaining, at), cancellationToken);
            if (inserted == 1)
            {
                won.Add((alert.Id, alert.Kind));
            }
        }
        return won;
    }
}

/// <summary>Runs <see cref="SupervisionSweep"/> on this node every <c>OneGo:Supervision:SweepSeconds</c>.</summary>
public sealed partial class SupervisionSweeper(IServiceScopeFactory scopes, IOptions<SupervisionOptions> options, TimeProvider time, ILogger<SupervisionSweeper> logger)
    : PeriodicJob(scopes, logger)
{
    protected override int Seconds => options.Value.SweepSeconds;

    protected override string Name => "Supervision sweep";

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var service = services.GetRequiredService<CaseService>();
        var result = await SupervisionSweep.RunAsync(service.Db, await service.CalendarAsync(cancellationToken), options.Value.Policy, time.GetUtcNow(), cancellationToken);
        var rectifications = result.Rectifications;
        if (result.Reminders + result.Escalations + rectifications.Reminders + rectifications.Escalations + rectifications.FollowUpReminders > 0)
        {
            Swept(logger, result.Reminders, result.Escalations, rectifications.Reminders, rectifications.Escalations, rectifications.FollowUpReminders, result.Elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Supervision sweep: {Reminders} reminders, {Escalations} escalations; rectifications: {RectificationReminders} reminders, {RectificationEscalations} escalations, {FollowUpReminders} follow-up reminders in {Milliseconds:F0} ms")]
    private static partial void Swept(ILogger logger, int reminders, int escalations, int rectificationReminders, int rectificationEscalations, int followUpReminders, double milliseconds);
}
