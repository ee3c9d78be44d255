using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Dashboards;

/// <summary>
/// 效能看板 under <c>/api/v1/dashboard</c> for supervisors, administrators and department heads (a head always sees
/// their own department: asking for another is 403). Query: <c>period</c> (today, month, custom), <c>from</c>, <c>to</c>,
/// <c>department</c>, <c>bundle</c>.
/// </summary>
public static class DashboardsApi
{
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddScoped<DashboardQueries>();
        services.AddScoped<ReformQueries>();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        services.AddHostedService<DashboardRollupJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Dashboards").AddEndpointFilter<ProblemFilter>()
            .RequireAuthorization(p => p.RequireRole(Roles.Supervisor, Roles.Admin, Roles.Head))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/dashboard", async (string? period, DateOnly? from, DateOnly? to, string? department, string? bundle, HttpContext c, DashboardQueries q, CancellationToken ct) =>
                Results.Ok(await ReportAsync(q, CurrentUser.From(c.User), period, from, to, department, bundle, ct)))
            .Produces<DashboardReport>()
            .WithSummary("效能看板：期间内收件、受理、办结、按时办结率、办理工作日（中位数、平均）、当前超期、容缺受理率、补正率、网上/窗口申报占比、满意率，按一件事、按部门和按日趋势");
        api.MapGet("/dashboard/cases", async (string? figure, int? page, string? period, DateOnly? from, DateOnly? to, string? department, string? bundle,
                HttpContext c, DashboardQueries q, OneGoDb db, CancellationToken ct) =>
            {
                var user = CurrentUser.From(c.User);
                var (_, catalog) = await q.CatalogAsync(ct);
                var scope = DashboardQueries.Authorise(user, department, bundle, catalog);
                var range = DashboardPeriod.Parse(period, from, to, q.Today);
                return Results.Ok(await DashboardDrillDown.QueryAsync(db, user, range, scope, figure, page ?? 1, q.Today, ct));
            })
            .Produces<DrillPage>()
            .WithSummary("下钻：某项指标（figure：received、accepted、tolerated、corrected、online、window、assistant、completed、overdue）背后的办件，每页 20 件，申请人脱敏");
        api.MapGet("/dashboard/export.csv", async (string? period, DateOnly? from, DateOnly? to, string? department, string? bundle, HttpContext c, DashboardQueries q, CancellationToken ct) =>
            {
                var report = await ReportAsync(q, CurrentUser.From(c.User), period, from, to, department, bundle, ct);
                return Results.File(DashboardExport.Csv(report), "text/csv; charset=utf-8", DashboardExport.FileName(report, "csv"));
            })
            .WithSummary("导出效能看板为 CSV（UTF-8 带 BOM，Excel 可直接打开）");
        api.MapGet("/dashboard/export.xlsx", async (string? period, DateOnly? from, DateOnly? to, string? department, string? bundle, HttpContext c, DashboardQueries q, CancellationToken ct) =>
            {
                var report = await ReportAsync(q, CurrentUser.From(c.User), period, from, to, department, bundle, ct);
                return Results.File(await DashboardExport.XlsxAsync(report, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", DashboardExport.FileName(report, "xlsx"));
            })
            .WithSummary("导出效能看板为 Excel（.xlsx，含按日趋势工作表）");
        api.MapGet("/reform", async (string? period, DateOnly? from, DateOnly? to, string? bundle, HttpContext c, ReformQueries q, CancellationToken ct) =>
            {
                var user = CurrentUser.From(c.User);
                return Results.Ok(await q.ReportAsync(user, period, from, to, bundle, ct));
            })
            .Produces<ReformReport>()
            .WithSummary("改革成效：每个一件事的表单项、材料、跑动、环节、时间改革前后（目录测算，取各情形）与实际办件实测（办理工作日中位数对承诺时限、材料免提交占比、零跑动占比）");
        return app;
    }

    public static async Task<DashboardReport> ReportAsync(DashboardQueries queries, CurrentUser user, string? period, DateOnly? from, DateOnly? to,
        string? department, string? bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var (_, catalog) = await queries.CatalogAsync(cancellationToken);
        var scope = DashboardQueries.Authorise(user, department, bundle, catalog);
        var range = DashboardPeriod.Parse(period, from, to, queries.Today);
        return await queries.ReportAsync(range, scope, cancellationToken);
    }
}
