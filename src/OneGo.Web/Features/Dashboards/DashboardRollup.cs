using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Dashboards;

/// <summary>
/// What happened on one county day to one bundle (cases, <see cref="Level"/> 0) or to one department's tasks of one
/// bundle (<see cref="Level"/> 1): received, their correction and channel counts, accepted and accepted with
/// tolerance, closed and closed on time — the flow figures of <see cref="DashboardQueries"/>, summed.
/// </summary>
public sealed class DashboardFlowRecord
{
    public DateOnly Day { get; set; }
    public short Level { get; set; }
    public string BundleCode { get; set; } = string.Empty;
    public string DepartmentCode { get; set; } = string.Empty;
    public int Received { get; set; }
    public int Corrected { get; set; }
    public int Online { get; set; }
    public int Window { get; set; }
    public int Assistant { get; set; }
    public int Accepted { get; set; }
    public int Tolerated { get; set; }

    /// <summary>Closed (decided) on the day, whatever the working days taken: the daily trend needs no more.</summary>
    public int Completed { get; set; }
    public int OnTime { get; set; }
}

/// <summary>Cases (or tasks) closed on one day, by the working days they took (−1,000,000: not countable), and how many on time.</summary>
public sealed class DashboardCompletionRecord
{
    public DateOnly Day { get; set; }
    public short Level { get; set; }
    public string BundleCode { get; set; } = string.Empty;
    public string DepartmentCode { get; set; } = string.Empty;
    public int WorkingDays { get; set; }
    public int Completed { get; set; }
    public int OnTime { get; set; }
}

/// <summary>
/// <see cref="DashboardCompletionRecord"/> summed over a calendar month (<see cref="Month"/>: its first day), rewritten
/// with every rebuild of one of its days. Read for a month only when all its days are readable, so that a year is a
/// few tens of thousands of rows.
/// </summary>
public sealed class DashboardMonthCompletionRecord
{
    public DateOnly Month { get; set; }
    public short Level { get; set; }
    public string BundleCode { get; set; } = string.Empty;
    public string DepartmentCode { get; set; } = string.Empty;
    public int WorkingDays { get; set; }
    public int Completed { get; set; }
    public int OnTime { get; set; }
}

/// <summary>
/// The measured reform figures (改革成效) of the cases of one bundle closed on one day: how many were closed within
/// their own promise (of those with a promise in working days), with zero trips, and their materials exempted or
/// handed in. Their working days come from the level-0 rows of <see cref="DashboardCompletionRecord"/>.
/// </summary>
public sealed class DashboardReformRecord
{
    public DateOnly Day { get; set; }
    public string BundleCode { get; set; } = string.Empty;
    public int WithinPromise { get; set; }
    public int PromiseBase { get; set; }
    public int ZeroTrip { get; set; }
    public int Exempted { get; set; }
    public int Submitted { get; set; }
}

/// <summary>A day whose rows in the tables above are complete (built, and rebuilt after every change).</summary>
public sealed class DashboardRolledDayRecord
{
    public DateOnly Day { get; set; }
}

/// <summary>
/// A day whose figures a committed change may have altered. Written in the same transaction as the change (by
/// <see cref="OneGoDb"/>'s SaveChanges), so a change and its mark are never seen apart; only ever inserted, and deleted by
/// id once the day is rebuilt, so a mark made while a rebuild runs survives it.
/// </summary>
public sealed class DashboardDirtyDayRecord
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
}

public sealed class DashboardOptions
{
    public const string Section = "OneGo:Dashboards";

    /// <summary>Seconds between runs of this node's rollup job (rebuilds changed days, builds missing ones); 0: off.</summary>
    public int RollupSeconds { get; set; } = 60;
}

/// <summary>
/// The dashboards' daily pre-aggregation. A past day's figures are summed once into <c>DashboardFlows</c> and
/// <c>DashboardCompletions</c> (a few hundred rows a day for a county, against thousands of cases, tasks and a calendar
/// join), so that a month or a year reads thousands of rows instead of millions. Exact, not approximate: a day is read
/// from the rollup only if it is rolled and has no pending change mark; today, days not rolled yet and marked days are
/// counted from the cases themselves (<see cref="DashboardQueries"/>). The job (and each dashboard request, for the
/// marks) rebuilds marked days; a new calendar (holiday notice) empties the rollup, which is then rebuilt.
/// </summary>
public static class DashboardRollup
{
    private const long LockKey = 0x4F6E65476F_02; // "OneGo" + 2: one rollup writer at a time across nodes
    private const int ChunkDays = 31;

    /// <summary>The working days of a completion whose start or end day is outside the calendar table (not counted).</summary>
    private const int Uncounted = -1_000_000;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<DashboardFlowRecord>(e =>
        {
            e.ToTable("DashboardFlows");
            e.HasKey(f => new { f.Day, f.Level, f.BundleCode, f.DepartmentCode });
            e.HasIndex(f => new { f.Level, f.Day });
        });
        builder.Entity<DashboardCompletionRecord>(e =>
        {
            e.ToTable("DashboardCompletions");
            e.HasKey(f => new { f.Day, f.Level, f.BundleCode, f.DepartmentCode, f.WorkingDays });
            e.HasIndex(f => new { f.Level, f.Day });
        });
        builder.Entity<DashboardMonthCompletionRecord>(e =>
        {
            e.ToTable("DashboardMonthCompletions");
            e.HasKey(f => new { f.Month, f.Level, f.BundleCode, f.DepartmentCode, f.WorkingDays });
            e.HasIndex(f => new { f.Level, f.Month });
        });
        builder.Entity<DashboardReformRecord>(e =>
        {
            e.ToTable("DashboardReform");
            e.HasKey(f => new { f.Day, f.BundleCode });
        });
        builder.Entity<DashboardRolledDayRecord>(e =>
        {
            e.ToTable("DashboardRolledDays");
            e.HasKey(d => d.Day);
        });
        builder.Entity<DashboardDirtyDayRecord>(e =>
        {
            e.ToTable("DashboardDirtyDays");
            e.HasKey(d => d.Id);
        });
    }

    /// <summary>
    /// Adds a change mark for each day whose figures the pending changes of cases and tasks touch: the days a case was
    /// submitted, accepted and closed, and the day a task was decided (before and after the change).
    /// </summary>
    public static void MarkChanges(OneGoDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        HashSet<DateOnly>? days = null;
        void Mark(DateOnly? day)
        {
            if (day is { } d)
            {
                (days ??= []).Add(d);
            }
        }
        static DateOnly? Local(DateTimeOffset? at) => at is { } a ? Case.Today(a) : null;
        foreach (var entry in db.ChangeTracker.Entries<Case>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            var c = entry.Entity;
            Mark(Local(c.SubmittedAt));
            Mark(c.AcceptedOn);
            Mark(Local(c.ClosedAt));
            if (entry.State == EntityState.Modified)
            {
                Mark(Local(entry.Property(x => x.SubmittedAt).OriginalValue));
                Mark(entry.Property(x => x.AcceptedOn).OriginalValue);
                Mark(Local(entry.Property(x => x.ClosedAt).OriginalValue));
            }
        }
        foreach (var entry in db.ChangeTracker.Entries<CaseTask>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            Mark(Local(entry.Entity.DecidedAt));
            if (entry.State == EntityState.Modified)
            {
                Mark(Local(entry.Property(x => x.DecidedAt).OriginalValue));
            }
        }
        if (days is null)
        {
            return;
        }
        // Marks already added by an earlier SaveChanges of this unit of work are not repeated.
        foreach (var pending in db.ChangeTracker.Entries<DashboardDirtyDayRecord>().Where(e => e.State == EntityState.Added))
        {
            days.Remove(pending.Entity.Day);
        }
        foreach (var day in days)
        {
            db.Set<DashboardDirtyDayRecord>().Add(new DashboardDirtyDayRecord { Day = day });
        }
    }

    /// <summary>The days of [<paramref name="from"/>, <paramref name="to"/>] whose figures can be read from the rollup.</summary>
    public static async Task<HashSet<DateOnly>> ReadableDaysAsync(OneGoDb db, DateOnly from, DateOnly to, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var last = to < today ? to : today.AddDays(-1);
        if (last < from)
        {
            return [];
        }
        var rolled = await db.Set<DashboardRolledDayRecord>().AsNoTracking().Where(d => d.Day >= from && d.Day <= last).Select(d => d.Day).ToListAsync(cancellationToken);
        if (rolled.Count == 0)
        {
            return [];
        }
        var marked = await db.Set<DashboardDirtyDayRecord>().AsNoTracking().Where(d => d.Day >= from && d.Day <= last).Select(d => d.Day).Distinct().ToListAsync(cancellationToken);
        var readable = rolled.ToHashSet();
        readable.ExceptWith(marked);
        return readable;
    }

    public sealed record RefreshResult(int MarksCleared, int DaysRebuilt, int DaysBuilt, TimeSpan Elapsed);

    /// <summary>
    /// Rebuilds the rolled days that have change marks, clears the marks, and (<paramref name="buildMissing"/>) builds
    /// every past day not rolled yet, from the first submission to yesterday, a month per transaction. Skips the work
    /// when another node holds the rollup lock (its marks stay, so readers count those days from the cases).
    /// </summary>
    public static async Task<RefreshResult> RefreshAsync(OneGoDb db, WorkCalendar calendar, DateOnly today, bool buildMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Working days taken are counted on the calendar table: it must be the catalog's before anything is summed.
        await WorkDaysTable.EnsureAsync(db, calendar, cancellationToken);
        var cleared = 0;
        var rebuilt = 0;
        var built = 0;
        // Every change marks its own day, today, which is never read from the rollup: a reader (not building) looks
        // only for marks of past days, and leaves today's to the job.
        if (buildMissing
                ? await db.Set<DashboardDirtyDayRecord>().AnyAsync(cancellationToken)
                : await db.Set<DashboardDirtyDayRecord>().AnyAsync(d => d.Day < today, cancellationToken))
        {
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            if (await LockAsync(db, cancellationToken))
            {
                var marks = await db.Set<DashboardDirtyDayRecord>().AsNoTracking().OrderBy(d => d.Id).Take(10_000).ToListAsync(cancellationToken);
                var days = marks.Select(m => m.Day).Where(d => d < today).Distinct().ToList();
                var rolled = await db.Set<DashboardRolledDayRecord>().AsNoTracking().Where(d => days.Contains(d.Day)).Select(d => d.Day).ToListAsync(cancellationToken);
                foreach (var (from, to) in Ranges(rolled))
                {
                    await BuildAsync(db, from, to, cancellationToken);
                }
                var ids = marks.Select(m => m.Id).ToList();
                cleared = await db.Set<DashboardDirtyDayRecord>().Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
                rebuilt = rolled.Count;
                await transaction.CommitAsync(cancellationToken);
            }
        }
        if (buildMissing)
        {
            var first = await db.Cases.Where(c => c.SubmittedAt != null).MinAsync(c => c.SubmittedAt, cancellationToken);
            if (first is { } f && Case.Today(f) < today)
            {
                var start = Case.Today(f);
                var last = today.AddDays(-1);
                var rolled = (await db.Set<DashboardRolledDayRecord>().AsNoTracking().Where(d => d.Day >= start && d.Day <= last).Select(d => d.Day).ToListAsync(cancellationToken)).ToHashSet();
                var missing = new List<DateOnly>();
                for (var day = start; day <= last; day = day.AddDays(1))
                {
                    if (!rolled.Contains(day))
                    {
                        missing.Add(day);
                    }
                }
                foreach (var (from, to) in Ranges(missing).SelectMany(r => Chunks(r.From, r.To)))
                {
                    await using var transaction = await db.BeginWriteAsync(cancellationToken);
                    if (!await LockAsync(db, cancellationToken))
                    {
                        break;
                    }
                    await BuildAsync(db, from, to, cancellationToken);
                    await db.Set<DashboardRolledDayRecord>().Where(d => d.Day >= from && d.Day <= to).ExecuteDeleteAsync(cancellationToken);
                    for (var day = from; day <= to; day = day.AddDays(1))
                    {
                        db.Set<DashboardRolledDayRecord>().Add(new DashboardRolledDayRecord { Day = day });
                    }
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    await transaction.CommitAsync(cancellationToken);
                    built += to.DayNumber - from.DayNumber + 1;
                }
            }
        }
        return new RefreshResult(cleared, rebuilt, built, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Empties the rollup (inside the caller's transaction): the calendar changed, or cases were written in bulk.</summary>
    public static async Task ResetAsync(OneGoDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Set<DashboardRolledDayRecord>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<DashboardFlowRecord>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<DashboardCompletionRecord>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<DashboardMonthCompletionRecord>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<DashboardReformRecord>().ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<bool> LockAsync(OneGoDb db, CancellationToken cancellationToken) =>
        !db.IsPostgres || await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>Replaces the rows of the days [from, to] with sums of the cases and tasks.</summary>
    private static async Task BuildAsync(OneGoDb db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await db.Set<DashboardFlowRecord>().Where(f => f.Day >= from && f.Day <= to).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DashboardCompletionRecord>().Where(f => f.Day >= from && f.Day <= to).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DashboardReformRecord>().Where(f => f.Day >= from && f.Day <= to).ExecuteDeleteAsync(cancellationToken);
        var period = new DashboardPeriod(from, to, "custom");
        var sql = new DashboardSql.Dialect(db.IsPostgres);
        var args = new Dictionary<string, object>(StringComparer.Ordinal) { ["start"] = period.Start.UtcDateTime, ["end"] = period.End.UtcDateTime };
        var correction = "CASE WHEN c.\"CorrectionRounds\" > 0 THEN 1 ELSE 0 END";
        string Channel(FilingChannel channel) => $"CASE WHEN c.\"Channel\" = {(int)channel} THEN 1 ELSE 0 END";
        var tolerated = $"CASE WHEN c.\"Acceptance\" = {(int)AcceptanceKind.WithTolerance} THEN 1 ELSE 0 END";
        const string flowColumns = "\"Day\", \"Level\", \"BundleCode\", \"DepartmentCode\", \"Received\", \"Corrected\", \"Online\", \"Window\", \"Assistant\", \"Accepted\", \"Tolerated\", \"Completed\", \"OnTime\"";
        const string completionColumns = "\"Day\", \"Level\", \"BundleCode\", \"DepartmentCode\", \"WorkingDays\", \"Completed\", \"OnTime\"";

        // Cases: received on the day of submission, accepted on the day of acceptance.
        await DashboardSql.ExecuteAsync(db, $"""
            INSERT INTO "DashboardFlows" ({flowColumns})
            SELECT d, 0, b, '', SUM(rec), SUM(cor), SUM(onl), SUM(win), SUM(ass), SUM(acc), SUM(tol), 0, 0 FROM (
                SELECT {sql.LocalDate("c.\"SubmittedAt\"")} AS d, c."BundleCode" AS b, 1 AS rec, {correction} AS cor,
                       {Channel(FilingChannel.Online)} AS onl, {Channel(FilingChannel.Window)} AS win, {Channel(FilingChannel.Assistant)} AS ass, 0 AS acc, 0 AS tol
                FROM "Cases" c WHERE c."SubmittedAt" >= @start AND c."SubmittedAt" < @end
                UNION ALL
                SELECT c."AcceptedOn", c."BundleCode", 0, 0, 0, 0, 0, 1, {tolerated}
                FROM "Cases" c WHERE c."AcceptedAt" >= @start AND c."AcceptedAt" < @end
            ) x
            GROUP BY d, b
            """, args, cancellationToken);

        // Tasks: received (and accepted) when their case is accepted.
        await DashboardSql.ExecuteAsync(db, $"""
            INSERT INTO "DashboardFlows" ({flowColumns})
            SELECT c."AcceptedOn", 1, c."BundleCode", t."DepartmentCode", COUNT(*), SUM({correction}),
                   SUM({Channel(FilingChannel.Online)}), SUM({Channel(FilingChannel.Window)}), SUM({Channel(FilingChannel.Assistant)}), COUNT(*), SUM({tolerated}), 0, 0
            FROM "Tasks" t JOIN "Cases" c ON c."Id" = t."CaseId"
            WHERE c."AcceptedAt" >= @start AND c."AcceptedAt" < @end
            GROUP BY c."AcceptedOn", c."BundleCode", t."DepartmentCode"
            """, args, cancellationToken);

        // Cases closed, by working days taken.
        var closedOn = sql.LocalDate("c.\"ClosedAt\"");
        await DashboardSql.ExecuteAsync(db, $"""
            INSERT INTO "DashboardCompletions" ({completionColumns})
            SELECT d, 0, b, '', wd, COUNT(*), SUM(ontime) FROM (
                SELECT {closedOn} AS d, c."BundleCode" AS b,
                       COALESCE(w2."Ordinal" - w1."Ordinal" - c."PausedWorkingDays", {Uncounted}) AS wd,
                       CASE WHEN {closedOn} <= c."DeadlineOn" THEN 1 ELSE 0 END AS ontime
                FROM "Cases" c
                LEFT JOIN "WorkDays" w1 ON w1."Day" = c."AcceptedOn"
                LEFT JOIN "WorkDays" w2 ON w2."Day" = {closedOn}
                WHERE c."ClosedAt" >= @start AND c."ClosedAt" < @end
                  AND c."State" IN ({(int)CaseState.Completed}, {(int)CaseState.PartiallyCompleted}, {(int)CaseState.Denied})
            ) x
            GROUP BY d, b, wd
            """, args, cancellationToken);

        // Tasks decided, by working days taken.
        var decidedOn = sql.LocalDate("t.\"DecidedAt\"");
        await DashboardSql.ExecuteAsync(db, $"""
            INSERT INTO "DashboardCompletions" ({completionColumns})
            SELECT d, 1, b, dep, wd, COUNT(*), SUM(ontime) FROM (
                SELECT {decidedOn} AS d, c."BundleCode" AS b, t."DepartmentCode" AS dep,
                       COALESCE(w2."Ordinal" - w1."Ordinal" - t."PausedWorkingDays", {Uncounted}) AS wd,
                       CASE WHEN {decidedOn} <= t."DeadlineOn" THEN 1 ELSE 0 END AS ontime
                FROM "Tasks" t
                JOIN "Cases" c ON c."Id" = t."CaseId"
                LEFT JOIN "WorkDays" w1 ON w1."Day" = t."ClockStartedOn"
                LEFT JOIN "WorkDays" w2 ON w2."Day" = {decidedOn}
                WHERE t."DecidedAt" >= @start AND t."DecidedAt" < @end
                  AND t."State" IN ({(int)TaskState.Approved}, {(int)TaskState.Denied})
            ) x
            GROUP BY d, b, dep, wd
            """, args, cancellationToken);

        await ReformQueries.RollUpAsync(db, period, cancellationToken);

        // The day's closings into its flow rows (a day may have closings and no flows).
        var dayArgs = new Dictionary<string, object>(StringComparer.Ordinal) { ["from"] = from, ["to"] = to };
        await DashboardSql.ExecuteAsync(db, $"""
            INSERT INTO "DashboardFlows" ({flowColumns})
            SELECT f."Day", f."Level", f."BundleCode", f."DepartmentCode", 0, 0, 0, 0, 0, 0, 0, SUM(f."Completed"), SUM(f."OnTime")
            FROM "DashboardCompletions" f
            WHERE f."Day" >= @from AND f."Day" <= @to
            GROUP BY f."Day", f."Level", f."BundleCode", f."DepartmentCode"
            ON CONFLICT ("Day", "Level", "BundleCode", "DepartmentCode") DO UPDATE SET "Completed" = excluded."Completed", "OnTime" = excluded."OnTime"
            """, dayArgs, cancellationToken);

        // The months these days belong to, summed again from their days.
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var next = month.AddMonths(1);
            await db.Set<DashboardMonthCompletionRecord>().Where(f => f.Month == month).ExecuteDeleteAsync(cancellationToken);
            await DashboardSql.ExecuteAsync(db, $"""
                INSERT INTO "DashboardMonthCompletions" ("Month", "Level", "BundleCode", "DepartmentCode", "WorkingDays", "Completed", "OnTime")
                SELECT @month, f."Level", f."BundleCode", f."DepartmentCode", f."WorkingDays", SUM(f."Completed"), SUM(f."OnTime")
                FROM "DashboardCompletions" f
                WHERE f."Day" >= @month AND f."Day" < @next
                GROUP BY f."Level", f."BundleCode", f."DepartmentCode", f."WorkingDays"
                """, new Dictionary<string, object>(StringComparer.Ordinal) { ["month"] = month, ["next"] = next }, cancellationToken);
        }
    }

    /// <summary>
    /// Adds the rolled-up figures of <paramref name="days"/> to the tallies <paramref name="of"/> gives, keyed by bundle,
    /// department or day, for cases (<paramref name="tasks"/> false) or department tasks. Completions by working days
    /// come from the month rows for each calendar month all of whose days are given, from the day rows otherwise.
    /// </summary>
    internal static async Task ReadAsync(OneGoDb db, bool tasks, DashboardKey key, IReadOnlySet<DateOnly> days, DashboardScope scope,
        Func<string, Tally> of, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return;
        }
        var sql = new DashboardSql.Dialect(db.IsPostgres);
        var keyColumn = key switch
        {
            DashboardKey.Day => sql.Text("f.\"Day\""),
            DashboardKey.Bundle => "f.\"BundleCode\"",
            _ => "f.\"DepartmentCode\"",
        };
        Dictionary<string, object> Args()
        {
            var args = new Dictionary<string, object>(StringComparer.Ordinal) { ["level"] = (short)(tasks ? 1 : 0) };
            if (scope.Bundle is { } bundle)
            {
                args["bundle"] = bundle;
            }
            if (scope.Department is { } department)
            {
                args["department"] = department;
            }
            return args;
        }
        var scopeFilter = "f.\"Level\" = @level"
                          + (scope.Bundle is null ? string.Empty : " AND f.\"BundleCode\" = @bundle")
                          + (scope.Department is null ? string.Empty : " AND f.\"DepartmentCode\" = @department");
        string Literal(DateOnly day) => DateLiteral(db, day);
        string Span(string column, IReadOnlySet<DateOnly> set) => DaySpan(db, column, set);

        await DashboardSql.ReadAsync(db, $"""
            SELECT {keyColumn}, SUM(f."Received"), SUM(f."Corrected"), SUM(f."Online"), SUM(f."Window"), SUM(f."Assistant"),
                   SUM(f."Accepted"), SUM(f."Tolerated"), SUM(f."Completed"), SUM(f."OnTime")
            FROM "DashboardFlows" f
            WHERE {scopeFilter} AND {Span("f.\"Day\"", days)}
            GROUP BY f.{(key == DashboardKey.Day ? "\"Day\"" : key == DashboardKey.Bundle ? "\"BundleCode\"" : "\"DepartmentCode\"")}
            """, Args(), r =>
        {
            var t = of(r.GetString(0));
            t.Received += DashboardSql.Int(r, 1);
            t.Corrected += DashboardSql.Int(r, 2);
            t.Online += DashboardSql.Int(r, 3);
            t.Window += DashboardSql.Int(r, 4);
            t.Assistant += DashboardSql.Int(r, 5);
            t.Accepted += DashboardSql.Int(r, 6);
            t.ToleranceBase += DashboardSql.Int(r, 6);
            t.Tolerated += DashboardSql.Int(r, 7);
            if (key == DashboardKey.Day)
            {
                // The trend shows closings per day, not working days taken.
                t.Completed += DashboardSql.Int(r, 8);
                t.OnTime += DashboardSql.Int(r, 9);
            }
        }, cancellationToken);
        if (key == DashboardKey.Day)
        {
            return;
        }

        var months = new List<DateOnly>();
        var single = new HashSet<DateOnly>(days);
        foreach (var month in days.Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct())
        {
            var all = Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month)).Select(month.AddDays).ToList();
            if (all.TrueForAll(days.Contains))
            {
                months.Add(month);
                single.ExceptWith(all);
            }
        }
        void Completions(System.Data.Common.DbDataReader r)
        {
            var t = of(r.GetString(0));
            var n = DashboardSql.Int(r, 2);
            t.Completed += n;
            t.OnTime += DashboardSql.Int(r, 3);
            var wd = DashboardSql.Int(r, 1);
            if (wd != Uncounted)
            {
                t.AddDays(wd, n);
            }
        }
        if (months.Count > 0)
        {
            await DashboardSql.ReadAsync(db, $"""
                SELECT {keyColumn}, f."WorkingDays", SUM(f."Completed"), SUM(f."OnTime")
                FROM "DashboardMonthCompletions" f
                WHERE {scopeFilter} AND f."Month" IN ({string.Join(", ", months.Order().Select(Literal))})
                GROUP BY 1, 2
                """, Args(), Completions, cancellationToken);
        }
        if (single.Count > 0)
        {
            await DashboardSql.ReadAsync(db, $"""
                SELECT {keyColumn}, f."WorkingDays", SUM(f."Completed"), SUM(f."OnTime")
                FROM "DashboardCompletions" f
                WHERE {scopeFilter} AND {Span("f.\"Day\"", single)}
                GROUP BY 1, 2
                """, Args(), Completions, cancellationToken);
        }
    }

    /// <summary>A date as an SQL literal (dates are formatted here, never taken from a request).</summary>
    internal static string DateLiteral(OneGoDb db, DateOnly day) => db.IsPostgres
        ? $"DATE '{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}'"
        : $"'{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}'";

    /// <summary>A condition on a date column: the span of the given days, less the few days of it not given (today, not rolled, marked).</summary>
    internal static string DaySpan(OneGoDb db, string column, IReadOnlySet<DateOnly> set)
    {
        var from = set.Min();
        var to = set.Max();
        var filter = $"{column} >= {DateLiteral(db, from)} AND {column} <= {DateLiteral(db, to)}";
        var excluded = new List<string>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!set.Contains(day))
            {
                excluded.Add(DateLiteral(db, day));
            }
        }
        return excluded.Count == 0 ? filter : $"{filter} AND {column} NOT IN ({string.Join(", ", excluded)})";
    }

    /// <summary>The maximal runs of consecutive days.</summary>
    internal static IEnumerable<(DateOnly From, DateOnly To)> Ranges(IEnumerable<DateOnly> days)
    {
        DateOnly? from = null;
        DateOnly previous = default;
        foreach (var day in days.Distinct().Order())
        {
            if (from is null)
            {
                from = day;
            }
            else if (day.DayNumber != previous.DayNumber + 1)
            {
                yield return (from.Value, previous);
                from = day;
            }
            previous = day;
        }
        if (from is { } f)
        {
            yield return (f, previous);
        }
    }

    private static IEnumerable<(DateOnly From, DateOnly To)> Chunks(DateOnly from, DateOnly to)
    {
        for (var start = from; start <= to; start = start.AddDays(ChunkDays))
        {
            var end = start.AddDays(ChunkDays - 1);
            yield return (start, end < to ? end : to);
        }
    }
}

/// <summary>Keeps the rollup current on this node: rebuilds changed days and builds the days not rolled yet.</summary>
public sealed class DashboardRollupJob(IServiceScopeFactory scopes, IOptions<DashboardOptions> options, TimeProvider time, ILogger<DashboardRollupJob> logger)
    : PeriodicJob(scopes, logger)
{
    protected override int Seconds => options.Value.RollupSeconds;

    protected override string Name => "Dashboard rollup";

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<OneGoDb>();
        var catalogs = services.GetRequiredService<Catalog.PublishedCatalogs>();
        var (_, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        await DashboardRollup.RefreshAsync(db, catalog.Calendar, Case.Today(time.GetUtcNow()), buildMissing: true, cancellationToken);
    }
}
