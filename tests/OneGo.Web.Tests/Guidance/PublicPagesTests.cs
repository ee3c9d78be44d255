using System.Net;
using System.Text.RegularExpressions;
using OneGo.Web.Tests.Api;
using OneGo.Web.Tests.Cases;

namespace OneGo.Web.Tests.Guidance;

/// <summary>The public pages as plain HTTP (they are static): every bundle's guide and consultation, and the published catalog behind them.</summary>
[Trait("Category", "Database")]
public sealed partial class PublicPagesTests(OneGoFactory factory) : IClassFixture<OneGoFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task EveryBundle_HasAGuideWithABoxPerMatter_AndTellsScenariosInWords()
    {
        foreach (var bundle in RepositoryCatalog.Catalog.Bundles)
        {
            var guide = await client.GetAsync($"/guide/{bundle.Code}");
            var html = WebUtility.HtmlDecode(await guide.Content.ReadAsStringAsync());

            Assert.True(guide.StatusCode == HttpStatusCode.OK, $"{bundle.Code}: {guide.StatusCode}");
            // One chart, or two when the widest layer has more than two matters (the second one for phones).
            var charts = Chart().Matches(html);
            Assert.InRange(charts.Count, 1, 2);
            Assert.All(charts, chart =>
            {
                Assert.Contains("aria-label=\"办理流程图\"", chart.Value, StringComparison.Ordinal);
                Assert.Equal(bundle.Matters.Count, FlowBox().Count(chart.Value));
                Assert.Equal(bundle.Edges.Count, FlowEdge().Count(chart.Value));
            });
            Assert.DoesNotContain("answers.", html, StringComparison.Ordinal); // conditions are worded for people

            var consult = await client.GetAsync($"/guide/{bundle.Code}/consult");
            var form = WebUtility.HtmlDecode(await consult.Content.ReadAsStringAsync());
            Assert.True(consult.StatusCode == HttpStatusCode.OK, $"{bundle.Code} consultation: {consult.StatusCode}");
            Assert.DoesNotContain("answers.", form, StringComparison.Ordinal);
            Assert.All(bundle.Questions, q => Assert.Contains($"name=\"{q.Id}\"", form, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/guide/no-such-bundle", "没有编码为“no-such-bundle”的一件事")]
    [InlineData("/guide/no-such-bundle/consult", "没有编码为“no-such-bundle”的一件事")]
    [InlineData("/no/such/page", "页面不存在")]
    public async Task UnknownBundle_or_page_is_a_404_that_says_so_in_Chinese_and_is_not_indexed(string path, string message)
    {
        using var response = await client.GetAsync(path);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", html, StringComparison.Ordinal);
        Assert.Contains("返回服务专区", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg class=\"og-flow.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Chart();

    [GeneratedRegex("<g class=\"og-flow-box\"")]
    private static partial Regex FlowBox();

    [GeneratedRegex("<path class=\"og-flow-edge ")]
    private static partial Regex FlowEdge();
}

/// <summary>A publication reaches the public pages and the read API at once, without a restart; the files on disk do not.</summary>
[Trait("Category", "Database")]
public sealed class PublishedCatalogPagesTests
{
    [Fact]
    public async Task Pages_And_ReadApi_ShowThePublishedVersion()
    {
        var folder = PublishTests.CopyCatalog();
        try
        {
            using var factory = OneGoFactory.WithCatalog(folder);
            var http = factory.CreateClient();
            async Task<string> Page(string path) => WebUtility.HtmlDecode(await http.GetStringAsync(path));
            var admin = await ApiClient.LoginAsync(factory, "admin");
            Assert.Contains("新生儿出生“一件事”", await Page("/"), StringComparison.Ordinal);

            // Edited on disk only: nothing changes until it is published.
            var bundleFile = Path.Combine(folder, "bundles", "newborn.yaml");
            File.WriteAllText(bundleFile, File.ReadAllText(bundleFile)
                .Replace("name: 新生儿出生“一件事”", "name: 宝宝出生“一件事”", StringComparison.Ordinal)
                .Replace("  promised: 5工作日", "  promised: 3工作日", StringComparison.Ordinal));
            Assert.DoesNotContain("宝宝出生", await Page("/?q=" + Uri.EscapeDataString("出生")), StringComparison.Ordinal);

            await admin.OkAsync(admin.PostAsync("/api/v1/admin/catalog/publish"));

            Assert.Contains("宝宝出生“一件事”", await Page("/?q=" + Uri.EscapeDataString("宝宝")), StringComparison.Ordinal);
            Assert.Contains("宝宝出生“一件事” 办事指南", await Page("/guide/newborn"), StringComparison.Ordinal);
            Assert.Contains("\"value\":3", await Page("/api/v1/bundles/newborn"), StringComparison.Ordinal);
            Assert.Contains("宝宝出生", await Page("/api/v1/bundles?q=" + Uri.EscapeDataString("宝宝")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
