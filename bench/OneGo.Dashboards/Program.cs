using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Dashboards;
using OneGo.Web.Infrastructure;

// Times each dashboard query against a database filled by `generate-cases` (docs/benchmarks.md):
//   dotnet run -c Release --project bench/OneGo.Dashboards -- --pg "Host=127.0.0.1;Port=5436;Username=postgres;Database=onego_bench" [--runs 7]
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

await using (var db = NewDb())
{
    var (cases, tasks, events) = (await db.Cases.LongCountAsync(), await db.Tasks.LongCountAsync(), await db.CaseEvents.LongCountAsync());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database: {cases:N0} cases, {tasks:N0} tasks, {events:N0} events; {runs} runs per query after one warm-up"));
}
string topDepartment;
string topBundle;
await using (var db = NewDb())
{
    topDepartment = (await db.Tasks.GroupBy(t => t.DepartmentCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
    topBundle = (await db.Cases.GroupBy(c => c.BundleCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
}
var head = new CurrentUser("bench-head", "部门负责人", new HashSet<string> { Roles.Head }, topDepartment, null, null);

Console.WriteLine();
Console.WriteLine("| Query | Median | Slowest | Figures |");
Console.WriteLine("|---|---:|---:|---|");
await Report("dashboard, today, whole county", "today", null, null);
await Report("dashboard, this month, whole county", "month", null, null);
await Report("dashboard, 365 days, whole county", "custom", null, null, year: true);
await Report($"dashboard, this month, one department ({topDepartment})", "month", topDepartment, null);
await Report($"dashboard, 365 days, one department ({topDepartment})", "custom", topDepartment, null, year: true);
await Report($"dashboard, this month, one bundle ({topBundle})", "month", null, topBundle);
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

Task Report(string name, string period, string? department, string? bundle, bool year = false) => Time(name, async db =>
{
    var q = new DashboardQueries(db, catalogs, time);
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
