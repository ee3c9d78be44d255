using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Dashboards;
using OneGo.Web.Infrastructure;

// Times each dashboard query against a database filled by `generate-cases` (docs/benchmarks.md):
//   dotnet run -c Release --project bench/OneGo.Dashboards -- --pg "Host=127.0.0.1;Port=5436;Username=postgres;Database=onego_bench" [--runs 7] [--rollup] [--check] [--trace]
// --rollup first rebuilds the dashboards' daily rollup from scratch and prints how long that took; --check compares
// reports read through the rollup with the same reports counted from the cases (exit code 1 if any differs).
// Every query runs once to warm up (JIT, catalog, PostgreSQL's caches), then --runs times; it prints the median and the
// slowest run, and the main figures so that a reader sees what was computed.
var connection = Arg("--pg") ?? throw new ArgumentException("--pg \"<PostgreSQL connection string>\" is required");
var runs = int.Parse(Arg("--runs") ?? "7", CultureInfo.InvariantCulture);
var time = TimeProvider.System;
var catalogs = new PublishedCatalogs(time);
if (args.Contains("--trace"))
{
    // Each SQL statement of the dashboards with its time (on stderr), to see where a dashboard's time goes.
    DashboardSql.Observer = (sql, took) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"    {took.TotalMilliseconds,7:0.0} ms  {string.Join(' ', sql.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))[..Math.Min(110, string.Join(' ', sql.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Length)]}"));
}
var supervisor = new CurrentUser("bench", "督办人员", new HashSet<string> { Roles.Supervisor }, null, null, null);

PostgresOneGoDb NewDb() => new(new DbContextOptionsBuilder<PostgresOneGoDb>().UseNpgsql(connection, o => o.CommandTimeout(600)).Options);

if (args.Contains("--rollup"))
{
    // Brings the schema up to date and builds the daily rollup from scratch, timed (what generate-cases does at its end).
    await using var db = NewDb();
    await db.Database.MigrateAsync();
    await using (var transaction = await db.BeginWriteAsync())
    {
        await DashboardRollup.ResetAsync(db, CancellationToken.None);
        await transaction.CommitAsync();
    }
    var (_, catalog) = await catalogs.CurrentAsync(db, CancellationToken.None);
    var built = await DashboardRollup.RefreshAsync(db, catalog.Calendar, OneGo.Domain.Cases.Case.Today(time.GetUtcNow()), buildMissing: true, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rollup built from scratch: {built.DaysBuilt} days in {built.Elapsed.TotalSeconds:0.0} s"));
}
await using (var db = NewDb())
{
    var (cases, tasks, events) = (await db.Cases.LongCountAsync(), await db.Tasks.LongCountAsync(), await db.CaseEvents.LongCountAsync());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database: {cases:N0} cases, {tasks:N0} tasks, {events:N0} events; {runs} runs per query after one warm-up"));
    var (rolled, flows, completions) = (await db.Set<DashboardRolledDayRecord>().CountAsync(), await db.Set<DashboardFlowRecord>().CountAsync(), await db.Set<DashboardCompletionRecord>().CountAsync());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"daily rollup: {rolled:N0} days, {flows:N0} flow rows, {completions:N0} completion rows (days not rolled are counted from the cases)"));
}
string topDepartment;
string topBundle;
await using (var db = NewDb())
{
    topDepartment = (await db.Tasks.GroupBy(t => t.DepartmentCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
    topBundle = (await db.Cases.GroupBy(c => c.BundleCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
}
var head = new CurrentUser("bench-head", "部门负责人", new HashSet<string> { Roles.Head }, topDepartment, null, null);

if (args.Contains("--check"))
{
    // The rollup must change nothing: each report read through it equals the same report counted from the cases.
    var mismatches = 0;
    async Task Same(string name, Func<OneGoDb, bool, Task<string>> report)
    {
        string rolled, live;
        await using (var db = NewDb())
        {
            rolled = await report(db, true);
        }
        await using (var db = NewDb())
        {
            live = await report(db, false);
        }
        var same = rolled == live;
        mismatches += same ? 0 : 1;
        Console.WriteLine($"check {name}: {(same ? "rollup = cases" : $"DIFFERENT\n  rollup: {rolled}\n  cases:  {live}")}");
    }
    async Task<string> Dashboard(OneGoDb db, bool useRollup, string period, string? department, bool year)
    {
        var q = new DashboardQueries(db, catalogs, time) { UseRollup = useRollup };
        var range = year ? DashboardPeriod.Parse("custom", q.Today.AddDays(-364), q.Today, q.Today) : DashboardPeriod.Parse(period, null, null, q.Today);
        var r = await q.ReportAsync(range, new DashboardScope(department, null), CancellationToken.None);
        return System.Text.Json.JsonSerializer.Serialize(r);
    }
    await Same("dashboard, this month, whole county", (db, use) => Dashboard(db, use, "month", null, false));
    await Same("dashboard, 365 days, whole county", (db, use) => Dashboard(db, use, "custom", null, true));
    await Same($"dashboard, 365 days, {topDepartment}", (db, use) => Dashboard(db, use, "custom", topDepartment, true));
    await Same("reform metrics, this year", async (db, use) => System.Text.Json.JsonSerializer.Serialize(
        await new ReformQueries(db, catalogs, time) { UseRollup = use }.ReportAsync(supervisor, "year", null, null, null, CancellationToken.None)));
    if (mismatches > 0)
    {
        return 1;
    }
}

Console.WriteLine();
Console.WriteLine("| Query | Median | Slowest | Figures |");
Console.WriteLine("|---|---:|---:|---|");
await Report("dashboard, today, whole county", "today", null, null);
await Report("dashboard, this month, whole county", "month", null, null);
await Report("dashboard, 365 days, whole county", "custom", null, null, year: true);
await Report($"dashboard, this month, one department ({topDepartment})", "month", topDepartment, null);
await Report($"dashboard, 365 days, one department ({topDepartment})", "custom", topDepartment, null, year: true);
await Report($"dashboard, this month, one bundle ({topBundle})", "month", null, topBundle);
// A change to a case submitted ten days ago marks that day: the next dashboard rebuilds it before answering.
await Report("dashboard, this month, whole county, after a change to a past day", "month", null, null, markDaysAgo: 10);
await Time("drill-down: overdue now, whole county, page 1", async db =>
{
    var q = new DashboardQueries(db, catalogs, time);
    var page = await DashboardDrillDown.QueryAsync(db, supervisor, DashboardPeriod.Parse("month", null, null, q.Today), new DashboardScope(null, null), "overdue", 1, q.Today, CancellationToken.None);
    return $"{page.Total:N0} cases";
});
await Time($"drill-down: overdue now, {topDepartment} (head), page 1", async db =>
{
    var q = new DashboardQueries(db, catalogs, time);
    var page = await DashboardDrillDown.QueryAsync(db, head, DashboardPeriod.Parse("month", null, null, q.Today), new DashboardScope(topDepartment, null), "overdue", 1, q.Today, CancellationToken.None);
    return $"{page.Total:N0} cases";
});
// 超期督办: the supervision office's list of overdue tasks (and a head's), page 1 and the counts per department.
var benchCatalog = await Task.Run(async () =>
{
    await using var db = NewDb();
    return (await catalogs.CurrentAsync(db, CancellationToken.None)).Catalog;
});
var departmentNames = benchCatalog.Departments.ToDictionary(d => d.Code, d => d.Name);
var policy = new OneGo.Web.Features.Supervision.SupervisionOptions().Policy;
foreach (var (who, user, level) in new[] { ("whole county", supervisor, "red"), ("whole county", supervisor, "yellow"), ($"{topDepartment} (head)", head, "red") })
{
    await Time($"overdue list ({level}): {who}, page 1", async db =>
    {
        var page = await OneGo.Web.Features.Supervision.OverdueApi.PageAsync(db, benchCatalog.Calendar, policy, departmentNames,
            OneGo.Domain.Cases.Case.Today(time.GetUtcNow()), user, level, null, 1, 20, CancellationToken.None);
        return string.Create(CultureInfo.InvariantCulture, $"{page.Total:N0} tasks, {page.Departments.Count} departments");
    });
}
await Time("export: this month, whole county, .xlsx", async db =>
{
    var q = new DashboardQueries(db, catalogs, time);
    var report = await q.ReportAsync(DashboardPeriod.Parse("month", null, null, q.Today), new DashboardScope(null, null), CancellationToken.None);
    var bytes = await DashboardExport.XlsxAsync(report, CancellationToken.None);
    return $"{bytes.Length / 1024.0:0} KiB";
});
await Time("reform metrics, this year", async db =>
{
    var report = await new ReformQueries(db, catalogs, time).ReportAsync(supervisor, "year", null, null, null, CancellationToken.None);
    return string.Create(CultureInfo.InvariantCulture, $"{report.Overall.Closed:N0} closed, median {report.Overall.MedianWorkingDays} wd, exempted {report.Overall.ExemptedShare:P1}, zero-trip {report.Overall.ZeroTripShare:P1}");
});
return 0;

Task Report(string name, string period, string? department, string? bundle, bool year = false, int? markDaysAgo = null) => Time(name, async db =>
{
    var q = new DashboardQueries(db, catalogs, time);
    if (markDaysAgo is { } ago)
    {
        db.Set<DashboardDirtyDayRecord>().Add(new DashboardDirtyDayRecord { Day = q.Today.AddDays(-ago) });
        await db.SaveChangesAsync();
    }
    var range = year ? DashboardPeriod.Parse("custom", q.Today.AddDays(-364), q.Today, q.Today) : DashboardPeriod.Parse(period, null, null, q.Today);
    var r = await q.ReportAsync(range, new DashboardScope(department, bundle), CancellationToken.None);
    var t = r.Totals;
    return string.Create(CultureInfo.InvariantCulture,
        $"received {t.Received:N0}, completed {t.Completed:N0}, on time {t.OnTimeRate:P1}, median {t.MedianWorkingDays} / mean {t.AverageWorkingDays} wd, overdue now {t.OverdueNow:N0}, tolerance {t.ToleranceRate:P1}, correction {t.CorrectionRate:P1}, online {t.OnlineShare:P1}");
});

async Task Time(string name, Func<OneGoDb, Task<string>> query)
{
    string figures;
    await using (var db = NewDb())
    {
        figures = await query(db);
    }
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        await using var db = NewDb();
        var watch = Stopwatch.StartNew();
        await query(db);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {times[times.Count / 2]:0} ms | {times[^1]:0} ms | {figures} |"));
}

string? Arg(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
