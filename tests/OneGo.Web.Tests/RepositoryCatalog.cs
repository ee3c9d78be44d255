using OneGo.Domain.Catalog;
using OneGo.Web.Features.Catalog;

namespace OneGo.Web.Tests;

/// <summary>The repository's own catalog/ folder, loaded once per test run.</summary>
public static class RepositoryCatalog
{
    public static string Directory { get; } = Find();

    private static readonly Lazy<CatalogLoadResult> Loaded = new(() => CatalogLoader.Load(Directory, new DateOnly(2026, 11, 24)));

    public static CatalogLoadResult Result => Loaded.Value;

    public static ServiceCatalog Catalog => Loaded.Value.Catalog;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OneGo.slnx")))
            {
                return Path.Combine(dir.FullName, "catalog");
            }
        }
        throw new InvalidOperationException("catalog/ not found above " + AppContext.BaseDirectory);
    }
}
