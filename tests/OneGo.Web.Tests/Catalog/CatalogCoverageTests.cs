namespace OneGo.Web.Tests.Catalog;

/// <summary>The county's catalog covers its plan: ≥ 50 bundles across every category, each sourced, nothing copied.</summary>
public class CatalogCoverageTests
{
    // 兴国县's plan: 企业全生命周期、工程建设项目审批、抵押登记 for enterprises; 出生、入学、就业、落户、就医救助、退休、公民身后、车辆、房屋 for individuals.
    public static TheoryData<string> Themes() =>
        ["企业全生命周期", "工程建设项目审批", "抵押登记", "出生", "入学", "就业", "落户", "就医救助", "退休", "公民身后", "车辆", "房屋"];

    [Fact]
    public void TheCatalogHasAtLeastFiftyBundles() =>
        Assert.True(RepositoryCatalog.Catalog.Bundles.Count >= 50, $"{RepositoryCatalog.Catalog.Bundles.Count} bundles");

    [Theory]
    [MemberData(nameof(Themes))]
    public void EveryCategoryOfThePlan_HasAtLeastTwoBundles(string theme)
    {
        var bundles = RepositoryCatalog.Catalog.Bundles.Where(b => b.Theme == theme).Select(b => b.Code).ToList();

        Assert.True(bundles.Count >= 2, $"{theme}: {string.Join(", ", bundles)}");
    }

    [Fact]
    public void EveryBundle_RecordsItsSourceAndWhatWasAdapted()
    {
        Assert.All(RepositoryCatalog.Catalog.Bundles, b =>
        {
            Assert.False(string.IsNullOrWhiteSpace(b.Source?.Name), $"{b.Code} has no source");
            Assert.False(string.IsNullOrWhiteSpace(b.Source?.Adapted), $"{b.Code} does not say what was adapted");
        });
    }

    [Fact]
    public void NoMatterIsDefinedTwice_UnderAnotherCode()
    {
        var copies = RepositoryCatalog.Catalog.Matters
            .GroupBy(m => (m.Name, m.Department))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Name} ({g.Key.Department}): {string.Join(", ", g.Select(m => m.Code))}")
            .ToList();

        Assert.True(copies.Count == 0, string.Join("\n", copies));
    }

    [Fact]
    public void NoMaterialIsDefinedTwice_UnderAnotherKey()
    {
        var copies = RepositoryCatalog.Catalog.Materials
            .GroupBy(m => m.Name)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Key))}")
            .ToList();

        Assert.True(copies.Count == 0, string.Join("\n", copies));
    }

    [Fact]
    public void SharedMattersServeSeveralBundles()
    {
        var usage = RepositoryCatalog.Catalog.Bundles.SelectMany(b => b.Matters.Select(m => m.Matter)).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        // One 社会保障卡申领, one 城乡居民医保参保登记, one 就业登记 — used wherever they belong.
        Assert.True(usage["social-security-card"] >= 3);
        Assert.True(usage["resident-medical-enrolment"] >= 3);
        Assert.True(usage["employment-registration"] >= 2);
    }
}
