using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OneGo.Domain.Cases;
using OneGo.Domain.Catalog;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Ratings;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Dashboards;

/// <summary>What a family of dashboard figures is grouped by.</summary>
internal enum DashboardKey { Bundle, Department, Day }

/// <summary>Who the dashboard is for and what it is narrowed to: one department (a head is always narrowed to theirs) and/or one bundle.</summary>
public sealed record DashboardScope(string? Department, string? Bundle);

/// <summary>
/// 效能看板: the figures of docs/api.md#dashboards, computed in the database by set-based queries (one scan per
/// figure family, grouped by bundle, department or day), so that a month of a county's cases takes milliseconds
/// and a year of a million cases well under a second. The working-day arithmetic uses the <c>WorkDays</c> table.
/// </summary>
public sealed class DashboardQueries(OneGoDb db, PublishedCatalogs catalogs, TimeProvider time)
{
    public DateOnly Today => Case.Today(time.GetUtcNow());

    /// <summary>For the benchmark's check: false counts every day from the cases, as before the rollup.</summary>
    public bool UseRollup { get; set; } = true;

    public Task<(int Version, ServiceCatalog Catalog)> CatalogAsync(CancellationToken cancellationToken) => catalogs.CurrentAsync(db, cancellationToken);

    /// <summary>
    /// The scope the user may see: supervisors and administrators anything (an unknown department or bundle is 404);
    /// a department head only their department (another department is 403).
    /// </summary>
    public static DashboardScope Authorise(CurrentUser user, string? department, string? bundle, ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(catalog);
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        bundle = string.IsNullOrWhiteSpace(bundle) ? null : bundle.Trim();
        if (!user.Is(Roles.Supervisor) && !user.Is(Roles.Admin))
        {
            if (!user.Is(Roles.Head) || user.Department is not { } own)
            {
                throw ProblemException.Forbidden("forbidden", "效能看板供督办人员、管理员和部门负责人查看");
            }
            if (department is not null && department != own)
            {
                throw ProblemException.Forbidden("other-department", "部门负责人只能查看本部门的效能看板");
            }
            department = own;
        }
        if (department is not null && !catalog.DepartmentsByCode.ContainsKey(department))
        {
            throw ProblemException.NotFound("department-not-found", $"目录中没有代码为“{department}”的部门");
        }
        if (bundle is not null && !catalog.Bundles.Any(b => b.Code == bundle))
        {
            throw ProblemException.NotFound("bundle-not-found", $"目录中没有代码为“{bundle}”的一件事");
        }
        return new DashboardScope(department, bundle);
    }

    public async Task<DashboardReport> ReportAsync(DashboardPeriod period, DashboardScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        var (_, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        await WorkDaysTable.EnsureAsync(db, catalog.Calendar, cancellationToken);
        var today = Today;
        var byTasks = scope.Department is not null;

        // Past days come from the daily rollup when it holds them unchanged; today, days not rolled yet and days with a
        // pending change are counted from the cases. Pending changes are settled first, so that is rarely more than today.
        await DashboardRollup.RefreshAsync(db, catalog.Calendar, today, buildMissing: false, cancellationToken);
        HashSet<DateOnly> rolled = UseRollup ? await DashboardRollup.ReadableDaysAsync(db, period.From, period.To, today, cancellationToken) : [];
        var live = new List<DateOnly>();
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            if (!rolled.Contains(day))
            {
                live.Add(day);
            }
        }
        var liveRanges = DashboardRollup.Ranges(live).ToList();

        async Task<Dictionary<string, Tally>> Family(DashboardKey key)
        {
            var tasks = byTasks || key == DashboardKey.Department;
            var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
            Tally Of(string k) => tallies.TryGetValue(k, out var t) ? t : tallies[k] = new Tally();
            await DashboardRollup.ReadAsync(db, tasks, key, rolled, scope, Of, cancellationToken);
            foreach (var (from, to) in liveRanges)
            {
                var part = new DashboardPeriod(from, to, period.Kind);
                await (tasks ? TaskTalliesAsync(key, part, scope, Of, cancellationToken) : CaseTalliesAsync(key, part, scope, Of, cancellationToken));
            }
            if (key != DashboardKey.Day)
            {
                await OverdueAsync(tasks, key, scope, today, Of, cancellationToken);
            }
            return tallies;
        }
        Dictionary<string, Tally> bundles, departments, days;
        RatingStatisticsReport ratings;
        if (db.IsPostgres)
        {
            // The three families run at once, each statement on a pooled connection of its own; ratings use the context's.
            var running = new[] { Family(DashboardKey.Bundle), Family(DashboardKey.Department), Family(DashboardKey.Day) };
            ratings = await RatingStatistics.QueryAsync(db, new RatingStatisticsQuery(period.From, period.To, scope.Bundle, scope.Department), today, cancellationToken);
            var done = await Task.WhenAll(running);
            (bundles, departments, days) = (done[0], done[1], done[2]);
        }
        else
        {
            bundles = await Family(DashboardKey.Bundle);
            departments = await Family(DashboardKey.Department);
            days = await Family(DashboardKey.Day);
            ratings = await RatingStatistics.QueryAsync(db, new RatingStatisticsQuery(period.From, period.To, scope.Bundle, scope.Department), today, cancellationToken);
        }

        var totals = new Tally();
        foreach (var tally in bundles.Values)
        {
            totals.Add(tally);
        }
        var bundleRatings = ratings.ByBundle.ToDictionary(g => g.Code, g => g.Figures, StringComparer.Ordinal);
        var departmentRatings = ratings.ByDepartment.ToDictionary(g => g.Code, g => g.Figures, StringComparer.Ordinal);
        var bundleNames = catalog.Bundles.ToDictionary(b => b.Code, b => b.Name, StringComparer.Ordinal);

        DashboardRow Row(string code, string name, Tally tally, IReadOnlyDictionary<string, RatingFigures> rated) =>
            new(code, name, tally.ToFigures(rated.GetValueOrDefault(code)?.Total ?? 0, rated.GetValueOrDefault(code)?.SatisfactionRate));

        var trend = new List<DashboardDay>(period.Days);
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            var t = days.GetValueOrDefault(day.ToString("yyyy-MM-dd"));
            trend.Add(new DashboardDay(day, t?.Received ?? 0, t?.Accepted ?? 0, t?.Completed ?? 0, t?.OnTime ?? 0));
        }
        return new DashboardReport(
            period.From, period.To, period.Kind, period.Label, today,
            scope.Department, scope.Department is { } d ? catalog.DepartmentsByCode[d].Name : null,
            scope.Bundle, scope.Bundle is { } b ? bundleNames[b] : null,
            byTasks ? "tasks" : "cases",
            totals.ToFigures(ratings.Overall.Total, ratings.Overall.SatisfactionRate),
            bundles.OrderByDescending(p => p.Value.Received).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => Row(p.Key, bundleNames.GetValueOrDefault(p.Key, p.Key), p.Value, bundleRatings)).ToList(),
            departments.OrderByDescending(p => p.Value.Received).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => Row(p.Key, catalog.DepartmentsByCode.TryGetValue(p.Key, out var dep) ? dep.Name : p.Key, p.Value, departmentRatings)).ToList(),
            trend);
    }

    // Case-level figures (办件): received by submission, accepted by acceptance, completed by closing; overdue now.
    private async Task CaseTalliesAsync(DashboardKey key, DashboardPeriod period, DashboardScope scope, Func<string, Tally> Of, CancellationToken cancellationToken)
    {
        var sql = new DashboardSql.Dialect(db.IsPostgres);
        string KeyOf(string dayExpression) => key == DashboardKey.Day ? sql.Text(dayExpression) : "c.\"BundleCode\"";
        var filter = scope.Bundle is null ? string.Empty : " AND c.\"BundleCode\" = @bundle";
        var args = Args(period, scope);

        await DashboardSql.ReadAsync(db, $"""
            SELECT {KeyOf(sql.LocalDate("c.\"SubmittedAt\""))}, COUNT(*),
                   SUM(CASE WHEN c."CorrectionRounds" > 0 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."Channel" = {(int)FilingChannel.Online} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."Channel" = {(int)FilingChannel.Window} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."Channel" = {(int)FilingChannel.Assistant} THEN 1 ELSE 0 END)
            FROM "Cases" c
            WHERE c."SubmittedAt" >= @start AND c."SubmittedAt" < @end{filter}
            GROUP BY 1
            """, args, r =>
        {
            var t = Of(r.GetString(0));
            t.Received += DashboardSql.Int(r, 1);
            t.Corrected += DashboardSql.Int(r, 2);
            t.Online += DashboardSql.Int(r, 3);
            t.Window += DashboardSql.Int(r, 4);
            t.Assistant += DashboardSql.Int(r, 5);
        }, cancellationToken);

        await DashboardSql.ReadAsync(db, $"""
            SELECT {KeyOf("c.\"AcceptedOn\"")}, COUNT(*), SUM(CASE WHEN c."Acceptance" = {(int)AcceptanceKind.WithTolerance} THEN 1 ELSE 0 END)
            FROM "Cases" c
            WHERE c."AcceptedAt" >= @start AND c."AcceptedAt" < @end{filter}
            GROUP BY 1
            """, args, r =>
        {
            var t = Of(r.GetString(0));
            t.Accepted += DashboardSql.Int(r, 1);
            t.ToleranceBase += DashboardSql.Int(r, 1);
            t.Tolerated += DashboardSql.Int(r, 2);
        }, cancellationToken);

        var closedOn = sql.LocalDate("c.\"ClosedAt\"");
        var workingDays = key == DashboardKey.Day ? "0" : "w2.\"Ordinal\" - w1.\"Ordinal\" - c.\"PausedWorkingDays\"";
        var joins = key == DashboardKey.Day ? string.Empty : $"""
            LEFT JOIN "WorkDays" w1 ON w1."Day" = c."AcceptedOn"
            LEFT JOIN "WorkDays" w2 ON w2."Day" = {closedOn}
            """;
        await DashboardSql.ReadAsync(db, $"""
            SELECT k, wd, COUNT(*), SUM(ontime) FROM (
                SELECT {KeyOf(closedOn)} AS k, {workingDays} AS wd,
                       CASE WHEN {closedOn} <= c."DeadlineOn" THEN 1 ELSE 0 END AS ontime
                FROM "Cases" c
                {joins}
                WHERE c."ClosedAt" >= @start AND c."ClosedAt" < @end
                  AND c."State" IN ({(int)CaseState.Completed}, {(int)CaseState.PartiallyCompleted}, {(int)CaseState.Denied}){filter}
            ) x
            GROUP BY k, wd
            """, args, r =>
        {
            var t = Of(r.GetString(0));
            var n = DashboardSql.Int(r, 2);
            t.Completed += n;
            t.OnTime += DashboardSql.Int(r, 3);
            if (key != DashboardKey.Day)
            {
                t.AddDays(r.IsDBNull(1) ? null : DashboardSql.Int(r, 1), n);
            }
        }, cancellationToken);

    }

    // Task-level figures (子件) of departments: received when their case is accepted, completed when decided; overdue now.
    private async Task TaskTalliesAsync(DashboardKey key, DashboardPeriod period, DashboardScope scope, Func<string, Tally> Of, CancellationToken cancellationToken)
    {
        var sql = new DashboardSql.Dialect(db.IsPostgres);
        var keyOf = TaskKey(key, sql);
        string KeyOf(string dayExpression) => keyOf(dayExpression);
        var filter = TaskFilter(scope);
        var caseJoin = CaseJoin(key, scope);
        var args = Args(period, scope);

        await DashboardSql.ReadAsync(db, $"""
            SELECT {KeyOf("c.\"AcceptedOn\"")}, COUNT(*),
                   SUM(CASE WHEN c."CorrectionRounds" > 0 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."Channel" = {(int)FilingChannel.Online} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."Channel" = {(int)FilingChannel.Window} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."Channel" = {(int)FilingChannel.Assistant} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."Acceptance" = {(int)AcceptanceKind.WithTolerance} THEN 1 ELSE 0 END)
            FROM "Tasks" t JOIN "Cases" c ON c."Id" = t."CaseId"
            WHERE c."AcceptedAt" >= @start AND c."AcceptedAt" < @end{filter}
            GROUP BY 1
            """, args, r =>
        {
            var t = Of(r.GetString(0));
            var n = DashboardSql.Int(r, 1);
            t.Received += n;
            t.Accepted += n;
            t.ToleranceBase += n;
            t.Corrected += DashboardSql.Int(r, 2);
            t.Online += DashboardSql.Int(r, 3);
            t.Window += DashboardSql.Int(r, 4);
            t.Assistant += DashboardSql.Int(r, 5);
            t.Tolerated += DashboardSql.Int(r, 6);
        }, cancellationToken);

        var decidedOn = sql.LocalDate("t.\"DecidedAt\"");
        var workingDays = key == DashboardKey.Day ? "0" : "w2.\"Ordinal\" - w1.\"Ordinal\" - t.\"PausedWorkingDays\"";
        var joins = key == DashboardKey.Day ? string.Empty : $"""
            LEFT JOIN "WorkDays" w1 ON w1."Day" = t."ClockStartedOn"
            LEFT JOIN "WorkDays" w2 ON w2."Day" = {decidedOn}
            """;
        await DashboardSql.ReadAsync(db, $"""
            SELECT k, wd, COUNT(*), SUM(ontime) FROM (
                SELECT {KeyOf(decidedOn)} AS k, {workingDays} AS wd,
                       CASE WHEN {decidedOn} <= t."DeadlineOn" THEN 1 ELSE 0 END AS ontime
                FROM "Tasks" t
                {caseJoin}
                {joins}
                WHERE t."DecidedAt" >= @start AND t."DecidedAt" < @end
                  AND t."State" IN ({(int)TaskState.Approved}, {(int)TaskState.Denied}){filter}
            ) x
            GROUP BY k, wd
            """, args, r =>
        {
            var t = Of(r.GetString(0));
            var n = DashboardSql.Int(r, 2);
            t.Completed += n;
            t.OnTime += DashboardSql.Int(r, 3);
            if (key != DashboardKey.Day)
            {
                t.AddDays(r.IsDBNull(1) ? null : DashboardSql.Int(r, 1), n);
            }
        }, cancellationToken);

    }

    // Open work past its deadline now, whatever the period: cases for bundles, department tasks otherwise.
    private async Task OverdueAsync(bool tasks, DashboardKey key, DashboardScope scope, DateOnly today, Func<string, Tally> Of, CancellationToken cancellationToken)
    {
        var args = Args(null, scope);
        args["today"] = today;
        if (!tasks)
        {
            var ofBundle = scope.Bundle is null ? string.Empty : " AND c.\"BundleCode\" = @bundle";
            await DashboardSql.ReadAsync(db, $"""
                SELECT c."BundleCode", COUNT(*)
                FROM "Cases" c
                WHERE c."State" = {(int)CaseState.InProgress} AND c."PausedSince" IS NULL AND c."DeadlineOn" < @today{ofBundle}
                GROUP BY 1
                """, args, r => Of(r.GetString(0)).OverdueNow += DashboardSql.Int(r, 1), cancellationToken);
            return;
        }
        // The few overdue tasks look their case's bundle up one by one (a scalar subquery): a join would have the
        // planner, which expects many more overdue tasks than there are, scan every case.
        const string bundleOf = "(SELECT c.\"BundleCode\" FROM \"Cases\" c WHERE c.\"Id\" = t.\"CaseId\")";
        var filter = (scope.Bundle is null ? string.Empty : $" AND {bundleOf} = @bundle")
                     + (scope.Department is null ? string.Empty : " AND t.\"DepartmentCode\" = @department");
        await DashboardSql.ReadAsync(db, $"""
            SELECT {(key == DashboardKey.Bundle ? bundleOf : "t.\"DepartmentCode\"")}, COUNT(*)
            FROM "Tasks" t
            WHERE t."State" IN ({(int)TaskState.Received}, {(int)TaskState.Reviewing}) AND t."DeadlineOn" < @today{filter}
            GROUP BY 1
            """, args, r => Of(r.GetString(0)).OverdueNow += DashboardSql.Int(r, 1), cancellationToken);
    }

    private static Func<string, string> TaskKey(DashboardKey key, DashboardSql.Dialect sql) => dayExpression => key switch
    {
        DashboardKey.Day => sql.Text(dayExpression),
        DashboardKey.Bundle => "c.\"BundleCode\"",
        _ => "t.\"DepartmentCode\"",
    };

    private static string TaskFilter(DashboardScope scope) =>
        (scope.Bundle is null ? string.Empty : " AND c.\"BundleCode\" = @bundle")
        + (scope.Department is null ? string.Empty : " AND t.\"DepartmentCode\" = @department");

    // Decisions and open tasks need their case only for its bundle.
    private static string CaseJoin(DashboardKey key, DashboardScope scope) =>
        key == DashboardKey.Bundle || scope.Bundle is not null ? "JOIN \"Cases\" c ON c.\"Id\" = t.\"CaseId\"" : string.Empty;

    private static Dictionary<string, object> Args(DashboardPeriod? period, DashboardScope scope)
    {
        var args = new Dictionary<string, object>(StringComparer.Ordinal);
        if (period is not null)
        {
            args["start"] = period.Start.UtcDateTime;
            args["end"] = period.End.UtcDateTime;
        }
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
}

/// <summary>Raw, parameterised SQL for the dashboards' grouped counts (EF cannot group by a county date of a converted instant).</summary>
internal static class DashboardSql
{
    /// <summary>For the benchmark program: told the first line of each statement and how long it took.</summary>
    public static Action<string, TimeSpan>? Observer { get; set; }

    public static int Int(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    // The statements are composed only of this class's constants and enum values; every value from a request is a parameter.
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Parameterised; the text holds only constants.")]
    public static async Task ReadAsync(OneGoDb db, string statement, Dictionary<string, object> args, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            // A pooled connection of its own, so that statements of one dashboard can run at the same time.
            await using var own = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
            await own.OpenAsync(cancellationToken);
            await RunAsync(own, statement, args, row, cancellationToken);
            return;
        }
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await RunAsync(connection, statement, args, row, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>Runs a statement that writes, on the context's connection and in its current transaction.</summary>
    public static async Task<int> ExecuteAsync(OneGoDb db, string statement, Dictionary<string, object> args, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db.Database.GetDbConnection(), statement, args, 600);
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            Observer?.Invoke(statement, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task RunAsync(DbConnection connection, string statement, Dictionary<string, object> args, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, statement, args, 120);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
        Observer?.Invoke(statement, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Parameterised; the text holds only constants.")]
    private static DbCommand Command(DbConnection connection, string statement, Dictionary<string, object> args, int timeoutSeconds)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement;
        command.CommandTimeout = timeoutSeconds;
        foreach (var (name, value) in args)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>The two providers' spellings of the same date arithmetic.</summary>
    public readonly struct Dialect(bool postgres)
    {
        /// <summary>The county date (UTC+8, no daylight saving) of a UTC timestamp column.</summary>
        public string LocalDate(string column) => postgres
            ? $"CAST(({column} AT TIME ZONE 'UTC') + INTERVAL '8 hours' AS date)"
            : $"date({column}, '+8 hours')";

        /// <summary>A date as <c>yyyy-MM-dd</c> text (SQLite stores dates as such text already).</summary>
        public string Text(string dateExpression) => postgres ? $"to_char({dateExpression}, 'YYYY-MM-DD')" : dateExpression;
    }
}
