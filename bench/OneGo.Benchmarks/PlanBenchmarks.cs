using BenchmarkDotNet.Attributes;
using OneGo.Domain.Catalog;
using OneGo.Domain.Conditions;
using OneGo.Domain.Planning;
using OneGo.Web.Features.Catalog;

namespace OneGo.Benchmarks;

/// <summary>Plan resolution of 新生儿出生 (issue target: under 50 µs).</summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private ServiceCatalog catalog = null!;
    private Bundle bundle = null!;
    private ApplicantProfile applicant = null!;
    private readonly DateOnly acceptance = new(2026, 9, 24);

    private readonly Dictionary<string, IReadOnlyList<string>> minimal = new()
    {
        ["birthplace"] = ["province"], ["hukou"] = ["father"], ["ethnicity"] = ["same"], ["sscard"] = ["no"], ["maternity"] = ["no"],
    };

    private readonly Dictionary<string, IReadOnlyList<string>> everything = new()
    {
        ["birthplace"] = ["province"], ["hukou"] = ["mother"], ["ethnicity"] = ["different"], ["sscard"] = ["yes"], ["maternity"] = ["yes"],
    };

    [GlobalSetup]
    public void Setup()
    {
        var result = CatalogLoader.Load(BenchCatalog.Directory(), acceptance);
        catalog = result.Catalog;
        bundle = catalog.BundlesByCode["newborn"];
        applicant = new ApplicantProfile
        {
            Facts = new Dictionary<string, ConditionValue> { ["age"] = ConditionValue.Number(29), ["localHukou"] = ConditionValue.Bool(true) },
            SharedData = new Dictionary<string, string> { ["population.name"] = "李秀英", ["population.idNumber"] = "360732199703154324", ["population.hukouAddress"] = "兴国县潋江镇示例路1号" },
            PassedChecks = new HashSet<string> { "population.identity", "population.hukou" },
            Licenses = [new HeldLicense("1.2.156.3005.2.11100000MB0002026T001.11360732MB00011852.2020000001.001.X", "11100000MB0002026T001", "结婚证", LicenseStatus.Valid, null)],
        };
    }

    [Benchmark(Baseline = true, Description = "newborn plan, 4 matters, anonymous")]
    public Plan? MinimalAnonymous() => Planner.Resolve(catalog, bundle, minimal, ApplicantProfile.Anonymous, acceptance).Plan;

    [Benchmark(Description = "newborn plan, 6 matters, known applicant")]
    public Plan? AllMattersKnownApplicant() => Planner.Resolve(catalog, bundle, everything, applicant, acceptance).Plan;
}
