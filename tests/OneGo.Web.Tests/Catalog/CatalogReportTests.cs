using OneGo.Web.Features.Catalog;

namespace OneGo.Web.Tests.Catalog;

public class CatalogReportTests
{
    [Fact]
    public void TheCheckedInReport_IsCurrent()
    {
        var path = Path.Combine(Path.GetDirectoryName(RepositoryCatalog.Directory)!, CatalogReport.DefaultPath);
        var expected = CatalogReport.Render(RepositoryCatalog.Catalog);

        Assert.True(File.Exists(path), $"{path} is missing: run `dotnet run --project src/OneGo.Web -- report`");
        Assert.True(expected == File.ReadAllText(path), "docs/catalog.md is out of date: run `dotnet run --project src/OneGo.Web -- report`");
    }

    [Fact]
    public void TheReport_ListsEveryBundleWithItsMetrics()
    {
        var report = CatalogReport.Render(RepositoryCatalog.Catalog);

        foreach (var bundle in RepositoryCatalog.Catalog.Bundles)
        {
            Assert.Contains($"### {bundle.Name}（`{bundle.Code}`）", report);
        }
        // 新生儿出生, full case: 6 matters of 5 departments; 30 working days along the card's path.
        Assert.Contains("| 新生儿出生“一件事” | 个人 | 出生 | 兴国县卫生健康委员会 | 6 | 5 | 5个工作日 |", report);
    }
}
