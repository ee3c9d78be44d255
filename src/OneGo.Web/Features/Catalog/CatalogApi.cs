using System.Globalization;
using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Catalog;

/// <summary>Anonymous read API over the published catalog: bundles and the working calendar.</summary>
public static class CatalogApi
{
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CatalogOptions>(configuration.GetSection(CatalogOptions.Section));
        services.AddSingleton<CatalogStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Catalog");
        api.MapGet("/bundles", ListBundles)
            .WithSummary("一件事列表：按类别筛选、按名称和关键词搜索");
        api.MapGet("/bundles/{code}", GetBundle)
            .WithSummary("一件事定义：情形问题与选项、事项、前置关系、办事指南")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/calendar/deadline", Deadline)
            .WithSummary("按法定节假日安排计算期限：受理当日不计入，第N个工作日为截止日")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    public sealed record BundleSummary(string Code, string Name, BundleCategory Category, string Theme, string LeadDepartment, string? Summary, TimeLimit Promised, int MatterCount, IReadOnlyList<string> Keywords);

    public sealed record BundleList(int Count, IReadOnlyList<BundleSummary> Items);

    internal static async Task<IResult> ListBundles(OneGoDb db, PublishedCatalogs catalogs, string? category, string? q, CancellationToken cancellationToken)
    {
        BundleCategory? wanted = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (!Enum.TryParse<BundleCategory>(category, ignoreCase: true, out var parsed) || int.TryParse(category, out _))
            {
                return Problems.BadRequest("invalid-category", $"类别“{category}”无效，可选 personal（个人）或 enterprise（企业）");
            }
            wanted = parsed;
        }
        var (_, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        var items = BundleSearch.Find(catalog, wanted, q)
            .Select(b => new BundleSummary(
                b.Code, b.Name, b.Category, b.Theme,
                catalog.DepartmentsByCode.TryGetValue(b.LeadDepartment, out var d) ? d.Name : b.LeadDepartment,
                b.Summary, b.PromisedLimit, b.Matters.Count, b.Keywords))
            .ToList();
        return Results.Ok(new BundleList(items.Count, items));
    }

    internal static async Task<IResult> GetBundle(OneGoDb db, PublishedCatalogs catalogs, string code, CancellationToken cancellationToken)
    {
        var (_, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        if (!catalog.BundlesByCode.TryGetValue(code, out var bundle))
        {
            return Problems.NotFound("bundle-not-found", $"没有编码为“{code}”的一件事");
        }
        return Results.Ok(BundleDetail.From(bundle, catalog));
    }

    public sealed record DeadlineResult(DateOnly Start, int WorkingDays, DateOnly Deadline, bool IsEstimate, string? Warning, string Rule);

    internal static IResult Deadline(CatalogStore store, string? start, string? workingDays)
    {
        if (!DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            return Problems.BadRequest("invalid-start", "start 应为日期，格式 YYYY-MM-DD");
        }
        if (!int.TryParse(workingDays, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1 || days > 3650)
        {
            return Problems.BadRequest("invalid-working-days", "workingDays 应为 1 至 3650 之间的整数");
        }
        var result = store.Catalog.Calendar.AddWorkingDays(from, days);
        return Results.Ok(new DeadlineResult(from, days, result.Date, result.IsEstimate, result.Warning,
            "行政许可法第八十二条：期限以工作日计算，不含法定节假日；民法典第二百零一条：开始的当日不计入，自下一日开始计算"));
    }
}
