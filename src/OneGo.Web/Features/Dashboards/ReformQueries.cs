using System.Collections.Concurrent;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Catalog;
using OneGo.Domain.Planning;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Dashboards;

/// <summary>Before → after of one reform figure.</summary>
public sealed record BeforeAfter(int Before, int After)
{
    public int Saved => Before - After;

    public double? Reduction => Before == 0 ? null : Math.Round((double)(Before - After) / Before, 4);
}

/// <summary>
/// The catalog's promise for a bundle: the reform metrics of its fullest scenario (the most matters, as in
/// docs/catalog.md), and over all its scenarios the range of the bundle's days.
/// </summary>
public sealed record CatalogReform(int Scenarios, int Matters, int Departments, BeforeAfter Fields, BeforeAfter Materials, BeforeAfter Trips,
    BeforeAfter Steps, BeforeAfter Days, int DaysAfterMin, int DaysAfterMax, string Promised);

/// <summary>
/// What the cases closed in the period show: the median working days from acceptance to closing (paused days excluded)
/// next to the promise, the share of materials that applicants did not have to hand in, and the share of zero-trip cases.
/// </summary>
public sealed record MeasuredReform(int Closed, double? MedianWorkingDays, int? PromisedWorkingDays, double? WithinPromiseRate,
    int MaterialsExempted, int MaterialsSubmitted, double? ExemptedShare, int ZeroTrip, double? ZeroTripShare);

public sealed record ReformRow(string Code, string Name, string Category, CatalogReform Catalog, MeasuredReform Measured);

public sealed record ReformReport(DateOnly From, DateOnly To, string PeriodLabel, int CatalogVersion, IReadOnlyList<ReformRow> Bundles, MeasuredReform Overall);

/// <summary>
/// 改革成效: per bundle, the catalog's before/after (the Plan's reform metrics, 表单项、材料、跑动、环节、时间) and what real
/// cases measured. Definitions in docs/api.md#reform-metrics.
/// </summary>
public sealed class ReformQueries(OneGoDb db, PublishedCatalogs catalogs, TimeProvider time)
{
    /// <summary>The catalog figures per published catalog version: enumerating every scenario takes a fraction of a second.</summary>
    private static readonly ConcurrentDictionary<(int Version, string Bundle), CatalogReform> Cache = new();

    public async Task<ReformReport> ReportAsync(CurrentUser user, string? period, DateOnly? from, DateOnly? to, string? bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (version, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        var scope = DashboardQueries.Authorise(user, null, bundle, catalog);
        var today = Case.Today(time.GetUtcNow());
        var range = DashboardPeriod.Parse(period, from, to, today);
        await WorkDaysTable.EnsureAsync(db, catalog.Calendar, cancellationToken);
        var measured = await MeasureAsync(range, scope.Bundle, catalog, today, cancellationToken);

        var rows = new List<ReformRow>();
        foreach (var b in catalog.Bundles.Where(b => scope.Bundle is null || b.Code == scope.Bundle))
        {
            var figures = Cache.GetOrAdd((version, b.Code), _ => CatalogFigures(catalog, b));
            var m = measured.GetValueOrDefault(b.Code) ?? new Measure();
            rows.Add(new ReformRow(b.Code, b.Name, b.Category == BundleCategory.Personal ? "个人" : "企业", figures,
                m.ToMeasured(b.PromisedLimit.Unit == LimitUnit.WorkingDays ? b.PromisedLimit.Value : null)));
        }
        var overall = new Measure();
        foreach (var m in measured.Values)
        {
            overall.Add(m);
        }
        return new ReformReport(range.From, range.To, range.Label, version, rows, overall.ToMeasured(null));
    }

    public static CatalogReform CatalogFigures(ServiceCatalog catalog, Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(bundle);
        // As docs/catalog.md: an applicant whose shared data the government holds (every data check succeeds), accepted on a fixed Monday.
        var applicant = new ApplicantProfile { PassedChecks = catalog.Checks.Select(c => c.Code).ToHashSet(StringComparer.Ordinal) };
        var reference = Catalog.CatalogReport.ReferenceDate;
        Plan? full = null;
        var scenarios = 0;
        var min = int.MaxValue;
        var max = 0;
        ScenarioSpace.Enumerate(catalog, bundle, CatalogLinter.MaxScenarios, scenario =>
        {
            if (scenario.Stopped)
            {
                return;
            }
            var plan = Planner.Resolve(catalog, bundle, scenario.Answers, applicant with { Facts = scenario.Facts }, reference).Plan;
            if (plan?.Metrics is not { } metrics)
            {
                return;
            }
            scenarios++;
            min = Math.Min(min, metrics.DaysAfter);
            max = Math.Max(max, metrics.DaysAfter);
            if (full is null || plan.Matters.Count > full.Matters.Count)
            {
                full = plan;
            }
        });
        var m = full?.Metrics ?? new ReformMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return new CatalogReform(scenarios, full?.Matters.Count ?? 0, m.DepartmentsBefore,
            new(m.FieldsBefore, m.FieldsAfter), new(m.MaterialsBefore, m.MaterialsAfter), new(m.TripsBefore, m.TripsAfter),
            new(m.StepsBefore, m.StepsAfter), new(m.DaysBefore, m.DaysAfter), scenarios == 0 ? 0 : min, max, bundle.PromisedLimit.ToString());
    }

    private sealed class Measure
    {
        public int Closed;
        public int WithinPromise;
        public int PromiseBase;
        public int ZeroTrip;
        public int Exempted;
        public int Submitted;
        public Tally Days { get; } = new();

        public void Add(Measure other)
        {
            Closed += other.Closed;
            WithinPromise += other.WithinPromise;
            PromiseBase += other.PromiseBase;
            ZeroTrip += other.ZeroTrip;
            Exempted += other.Exempted;
            Submitted += other.Submitted;
            Days.Add(other.Days);
        }

        public MeasuredReform ToMeasured(int? promised)
        {
            var figures = Days.ToFigures(0, null);
            return new MeasuredReform(Closed, figures.MedianWorkingDays, promised, Tally.Rate(WithinPromise, PromiseBase),
                Exempted, Submitted, Tally.Rate(Exempted, Exempted + Submitted), ZeroTrip, Tally.Rate(ZeroTrip, Closed));
        }
    }

    // Past days from the daily rollup (as the dashboards), today and days not rolled or marked from the cases.
    private async Task<Dictionary<string, Measure>> MeasureAsync(DashboardPeriod period, string? bundle, ServiceCatalog catalog, DateOnly today, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Measure>(StringComparer.Ordinal);
        Measure Of(string k) => result.TryGetValue(k, out var m) ? m : result[k] = new Measure();
        await DashboardRollup.RefreshAsync(db, catalog.Calendar, today, buildMissing: false, cancellationToken);
        HashSet<DateOnly> rolled = UseRollup ? await DashboardRollup.ReadableDaysAsync(db, period.From, period.To, today, cancellationToken) : [];
        if (rolled.Count > 0)
        {
            // Closed cases and their working days: the level-0 completions, by bundle.
            var closed = new Dictionary<string, Tally>(StringComparer.Ordinal);
            await DashboardRollup.ReadAsync(db, tasks: false, DashboardKey.Bundle, rolled, new DashboardScope(null, bundle),
                k => closed.TryGetValue(k, out var t) ? t : closed[k] = new Tally(), cancellationToken);
            foreach (var (code, tally) in closed)
            {
                var m = Of(code);
                m.Closed += tally.Completed;
                m.Days.Add(tally);
            }
            var args = new Dictionary<string, object>(StringComparer.Ordinal);
            var filter = string.Empty;
            if (bundle is not null)
            {
                args["bundle"] = bundle;
                filter = " AND f.\"BundleCode\" = @bundle";
            }
            await DashboardSql.ReadAsync(db, $"""
                SELECT f."BundleCode", SUM(f."WithinPromise"), SUM(f."PromiseBase"), SUM(f."ZeroTrip"), SUM(f."Exempted"), SUM(f."Submitted")
                FROM "DashboardReform" f
                WHERE {DashboardRollup.DaySpan(db, "f.\"Day\"", rolled)}{filter}
                GROUP BY 1
                """, args, r =>
            {
                var m = Of(r.GetString(0));
                m.WithinPromise += DashboardSql.Int(r, 1);
                m.PromiseBase += DashboardSql.Int(r, 2);
                m.ZeroTrip += DashboardSql.Int(r, 3);
                m.Exempted += DashboardSql.Int(r, 4);
                m.Submitted += DashboardSql.Int(r, 5);
            }, cancellationToken);
        }
        var live = new List<DateOnly>();
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            if (!rolled.Contains(day))
            {
                live.Add(day);
            }
        }
        foreach (var (from, to) in DashboardRollup.Ranges(live))
        {
            await MeasureLiveAsync(new DashboardPeriod(from, to, period.Kind), bundle, Of, cancellationToken);
        }
        return result;
    }

    /// <summary>For the benchmark's check: false counts every day from the cases, as before the rollup.</summary>
    public bool UseRollup { get; set; } = true;

    /// <summary>
    /// The measured figures of the cases of each bundle closed on each day of [period], into the daily rollup: the
    /// same definitions as <see cref="MeasureLiveAsync"/>, grouped by closing day as well.
    /// </summary>
    internal static Task RollUpAsync(OneGoDb db, DashboardPeriod period, CancellationToken cancellationToken)
    {
        var sql = new DashboardSql.Dialect(db.IsPostgres);
        var args = new Dictionary<string, object> { ["start"] = period.Start.UtcDateTime, ["end"] = period.End.UtcDateTime };
        var closed = $"""
            c."ClosedAt" >= @start AND c."ClosedAt" < @end
            AND c."State" IN ({(int)CaseState.Completed}, {(int)CaseState.PartiallyCompleted}, {(int)CaseState.Denied})
            """;
        var closedOn = sql.LocalDate("c.\"ClosedAt\"");
        var workingDays = "w2.\"Ordinal\" - w1.\"Ordinal\" - c.\"PausedWorkingDays\"";
        var promised = $"c.\"PromisedUnit\" = {(int)LimitUnit.WorkingDays} AND w1.\"Ordinal\" IS NOT NULL AND w2.\"Ordinal\" IS NOT NULL";
        return DashboardSql.ExecuteAsync(db, $"""
            INSERT INTO "DashboardReform" ("Day", "BundleCode", "WithinPromise", "PromiseBase", "ZeroTrip", "Exempted", "Submitted")
            SELECT d, b, SUM(wp), SUM(pb), SUM(zt), SUM(ex), SUM(sub) FROM (
                SELECT {closedOn} AS d, c."BundleCode" AS b,
                       CASE WHEN {promised} AND {workingDays} <= c."PromisedValue" THEN 1 ELSE 0 END AS wp,
                       CASE WHEN {promised} THEN 1 ELSE 0 END AS pb,
                       CASE WHEN c."Channel" = {(int)FilingChannel.Online}
                             AND (c."DeliveryMethod" IS NULL OR c."DeliveryMethod" = {(int)DeliveryMethod.Post}) THEN 1 ELSE 0 END AS zt,
                       0 AS ex, 0 AS sub
                FROM "Cases" c
                LEFT JOIN "WorkDays" w1 ON w1."Day" = c."AcceptedOn"
                LEFT JOIN "WorkDays" w2 ON w2."Day" = {closedOn}
                WHERE {closed}
                UNION ALL
                SELECT d, b, 0, 0, 0, CASE WHEN o = {(int)MaterialOrigin.TaskResult} THEN n ELSE 0 END, CASE WHEN o = {(int)MaterialOrigin.TaskResult} THEN 0 ELSE n END
                FROM (
                    SELECT {closedOn} AS d, c."BundleCode" AS b, m."Origin" AS o, COUNT(DISTINCT m."CaseId" || ':' || m."Key") AS n
                    FROM "CaseMaterials" m JOIN "Cases" c ON c."Id" = m."CaseId"
                    WHERE {closed}
                    GROUP BY 1, 2, 3
                ) mm
                UNION ALL
                SELECT {closedOn}, c."BundleCode", 0, 0, 0, 1, 0
                FROM "LicenseUses" u JOIN "Cases" c ON c."Id" = u."CaseId"
                WHERE {closed}
            ) x
            GROUP BY d, b
            """, args, cancellationToken);
    }

    private async Task MeasureLiveAsync(DashboardPeriod period, string? bundle, Func<string, Measure> Of, CancellationToken cancellationToken)
    {
        var sql = new DashboardSql.Dialect(db.IsPostgres);
        var args = new Dictionary<string, object> { ["start"] = period.Start.UtcDateTime, ["end"] = period.End.UtcDateTime };
        var filter = string.Empty;
        if (bundle is not null)
        {
            args["bundle"] = bundle;
            filter = " AND c.\"BundleCode\" = @bundle";
        }
        var closed = $"""
            c."ClosedAt" >= @start AND c."ClosedAt" < @end
            AND c."State" IN ({(int)CaseState.Completed}, {(int)CaseState.PartiallyCompleted}, {(int)CaseState.Denied}){filter}
            """;
        var closedOn = sql.LocalDate("c.\"ClosedAt\"");

        // Working days per case, the promise in working days (the case's own, frozen at submission), and zero trips:
        // filed online and no paper result fetched at the window (posted, or electronic only).
        await DashboardSql.ReadAsync(db, $"""
            SELECT k, wd, promised, COUNT(*), SUM(zero) FROM (
                SELECT c."BundleCode" AS k, w2."Ordinal" - w1."Ordinal" - c."PausedWorkingDays" AS wd,
                       CASE WHEN c."PromisedUnit" = {(int)LimitUnit.WorkingDays} THEN c."PromisedValue" END AS promised,
                       CASE WHEN c."Channel" = {(int)FilingChannel.Online}
                             AND (c."DeliveryMethod" IS NULL OR c."DeliveryMethod" = {(int)DeliveryMethod.Post}) THEN 1 ELSE 0 END AS zero
                FROM "Cases" c
                LEFT JOIN "WorkDays" w1 ON w1."Day" = c."AcceptedOn"
                LEFT JOIN "WorkDays" w2 ON w2."Day" = {closedOn}
                WHERE {closed}
            ) x
            GROUP BY k, wd, promised
            """, args, r =>
        {
            var m = Of(r.GetString(0));
            var n = DashboardSql.Int(r, 3);
            m.Closed += n;
            m.ZeroTrip += DashboardSql.Int(r, 4);
            int? days = r.IsDBNull(1) ? null : DashboardSql.Int(r, 1);
            m.Days.AddDays(days, n);
            if (days is { } d && !r.IsDBNull(2))
            {
                m.PromiseBase += n;
                if (d <= DashboardSql.Int(r, 2))
                {
                    m.WithinPromise += n;
                }
            }
        }, cancellationToken);

        // Materials: handed in by the applicant (at filing or later) against those the platform supplied itself —
        // another department's result flowing along the graph, or a held e-license (用证记录).
        await DashboardSql.ReadAsync(db, $"""
            SELECT c."BundleCode", m."Origin", COUNT(DISTINCT m."CaseId" || ':' || m."Key")
            FROM "CaseMaterials" m JOIN "Cases" c ON c."Id" = m."CaseId"
            WHERE {closed}
            GROUP BY 1, 2
            """, args, r =>
        {
            var m = Of(r.GetString(0));
            if (DashboardSql.Int(r, 1) == (int)MaterialOrigin.TaskResult)
            {
                m.Exempted += DashboardSql.Int(r, 2);
            }
            else
            {
                m.Submitted += DashboardSql.Int(r, 2);
            }
        }, cancellationToken);
        await DashboardSql.ReadAsync(db, $"""
            SELECT c."BundleCode", COUNT(*)
            FROM "LicenseUses" u JOIN "Cases" c ON c."Id" = u."CaseId"
            WHERE {closed}
            GROUP BY 1
            """, args, r => Of(r.GetString(0)).Exempted += DashboardSql.Int(r, 1), cancellationToken);
    }
}
