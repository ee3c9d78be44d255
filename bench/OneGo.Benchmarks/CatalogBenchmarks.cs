using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using OneGo.Web.Features.Catalog;

namespace OneGo.Benchmarks;

/// <summary>Load and lint of the whole catalog (issue target: under 1 s).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 10)]
public class CatalogBenchmarks
{
    private string directory = null!;

    [GlobalSetup]
    public void Setup() => directory = BenchCatalog.Directory();

    [Benchmark(Description = "load + lint whole catalog")]
    public int LoadAndLint()
    {
        var result = CatalogLoader.Load(directory, new DateOnly(2026, 11, 24));
        return result.Issues.Count;
    }
}
