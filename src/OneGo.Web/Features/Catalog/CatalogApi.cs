using System.Globalization;
using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;
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

    internal static IResult ListBundles(CatalogStore store, string? category, string? q)
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
        var catalog = store.Catalog;
        var terms = (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var items = catalog.Bundles
            .Where(b => wanted is null || b.Category == wanted)
            .Select(b => (Bundle: b, Score: terms.Length == 0 ? 1 : terms.Min(t => Relevance(b, t, catalog))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score) // stable: catalog order within a score
            .Select(x => x.Bundle)
            .Select(b => new BundleSummary(
                b.Code, b.Name, b.Category, b.Theme,
                catalog.DepartmentsByCode.TryGetValue(b.LeadDepartment, out var d) ? d.Name : b.LeadDepartment,
                b.Summary, b.PromisedLimit, b.Matters.Count, b.Keywords))
            .ToList();
        return Results.Ok(new BundleList(items.Count, items));
    }

    /// <summary>
    /// "我要办…": how well a term matches — the bundle's name or code (3), its theme or keywords (2), the
    /// name of one of its matters (1), or not at all (0).
    /// </summary>
    private static int Relevance(Bundle bundle, string term, ServiceCatalog catalog)
    {
        if (bundle.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || bundle.Code.Contains(term, StringComparison.OrdinalIgnoreCase))
        {
            return 3;
        }
        if (bundle.Theme.Contains(term, StringComparison.OrdinalIgnoreCase)
            || bundle.Keywords.Any(k => k.Contains(term, StringComparison.OrdinalIgnoreCase) || term.Contains(k, StringComparison.OrdinalIgnoreCase)))
        {
            return 2;
        }
        return bundle.Matters.Any(m => catalog.MattersByCode.TryGetValue(m.Matter, out var matter) && matter.Name.Contains(term, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
    }

    internal static IResult GetBundle(CatalogStore store, string code)
    {
        var catalog = store.Catalog;
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
