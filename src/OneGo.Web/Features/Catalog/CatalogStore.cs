using Microsoft.Extensions.Options;
using OneGo.Domain.Catalog;

namespace OneGo.Web.Features.Catalog;

/// <summary>
/// Holds the catalog the platform serves. It is loaded and linted once at start-up; a catalog with errors
/// is refused so that no applicant ever sees a broken bundle.
/// </summary>
public sealed class CatalogStore
{
    public CatalogStore(IOptions<CatalogOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<CatalogStore> logger)
    {
        Directory = options.Value.Resolve(environment.ContentRootPath);
        var result = CatalogLoader.Load(Directory, DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        foreach (var warning in result.Issues.Where(i => i.Severity == LintSeverity.Warning))
        {
            logger.LogWarning("Catalog: {Issue}", warning);
        }
        if (result.HasErrors)
        {
            throw new InvalidOperationException(
                $"目录 {Directory} 有 {result.Errors.Count()} 个错误，无法启动：" + Environment.NewLine +
                string.Join(Environment.NewLine, result.Errors));
        }
        Catalog = result.Catalog;
        Warnings = result.Issues;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Catalog loaded from {Directory}: {Bundles} bundles, {Matters} matters", Directory, Catalog.Bundles.Count, Catalog.Matters.Count);
        }
    }

    public string Directory { get; }

    public ServiceCatalog Catalog { get; }

    public IReadOnlyList<LintIssue> Warnings { get; }
}
