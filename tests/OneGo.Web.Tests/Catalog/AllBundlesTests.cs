using OneGo.Domain.Catalog;
using OneGo.Domain.Planning;

namespace OneGo.Web.Tests.Catalog;

/// <summary>
/// Every bundle of the repository's catalog, under every reachable scenario, resolves to a consistent Plan.
/// </summary>
public class AllBundlesTests
{
    private const int MaxScenariosPerBundle = 20_000;
    private static readonly DateOnly Acceptance = new(2026, 3, 2);

    public static TheoryData<string> Bundles()
    {
        var data = new TheoryData<string>();
        foreach (var bundle in RepositoryCatalog.Catalog.Bundles)
        {
            data.Add(bundle.Code);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void EveryScenario_ResolvesToAConsistentPlan(string code)
    {
        var catalog = RepositoryCatalog.Catalog;
        var bundle = catalog.BundlesByCode[code];
        var scenarios = 0;
        var plans = 0;

        var complete = ScenarioSpace.Enumerate(catalog, bundle, MaxScenariosPerBundle, scenario =>
        {
            scenarios++;
            var applicant = new ApplicantProfile { Facts = scenario.Facts };
            var outcome = Planner.Resolve(catalog, bundle, scenario.Answers, applicant, Acceptance);
            var where = $"{code} {string.Join(", ", scenario.Answers.Select(a => $"{a.Key}={string.Join("+", a.Value)}"))}";
            Assert.True(outcome.IsValid, $"{where}: {string.Join("; ", outcome.Problems)}");
            var plan = outcome.Plan!;

            if (scenario.Stopped)
            {
                Assert.True(plan.IsStopped, where);
                Assert.False(string.IsNullOrWhiteSpace(plan.Stop!.Reason), where);
                return;
            }
            plans++;
            Assert.False(plan.IsStopped, where);
            Assert.NotEmpty(plan.Matters);

            var codes = plan.Matters.Select(m => m.Code).ToHashSet();
            Assert.All(plan.Edges, e => Assert.True(codes.Contains(e.From) && codes.Contains(e.To), where));
            Assert.Null(CatalogLinter.FindCycle(plan.Edges.Select(e => new PrerequisiteEdge { From = e.From, To = e.To, Mode = e.Mode }).ToList()));

            var fields = plan.Form.SelectMany(s => s.Fields).ToList();
            Assert.Equal(fields.Count, fields.Select(f => f.Key).Distinct().Count());
            Assert.All(fields, f =>
            {
                Assert.False(string.IsNullOrWhiteSpace(f.Label), $"{where}: {f.Key} has no label");
                Assert.NotEmpty(f.Matters);
                Assert.All(f.Matters, m => Assert.Contains(m, codes));
            });
            Assert.All(plan.Form, s => Assert.False(string.IsNullOrWhiteSpace(s.Label), where));

            Assert.Equal(plan.Materials.Count, plan.Materials.Select(m => m.Key).Distinct().Count());
            Assert.All(plan.Materials.Where(m => m.IsExempt), m => Assert.False(string.IsNullOrWhiteSpace(m.Exemption!.Reason), where));

            var timing = plan.Timing!;
            Assert.True(timing.CriticalPathWorkingDays <= timing.SerialWorkingDays, $"{where}: critical path longer than the serial sum");
            Assert.True(timing.ExpectedCompletion <= timing.SerialCompletion, where);
            Assert.All(plan.Matters, m => Assert.True(m.Start <= m.End && m.End <= timing.ExpectedCompletion, where));
            // The critical path is a chain along the graph ending at the completion date.
            Assert.Equal(timing.ExpectedCompletion, plan.Matters.Single(m => m.Code == timing.CriticalPath[^1]).End);
            for (var i = 1; i < timing.CriticalPath.Count; i++)
            {
                Assert.Contains(plan.Edges, e => e.From == timing.CriticalPath[i - 1] && e.To == timing.CriticalPath[i]);
            }

            var metrics = plan.Metrics!;
            Assert.True(metrics.FieldsAfter <= metrics.FieldsBefore, where);
            Assert.True(metrics.MaterialsAfter <= metrics.MaterialsBefore, where);
            Assert.True(metrics.DaysAfter <= metrics.DaysBefore, where);
        });

        Assert.True(complete, $"{code}: more than {MaxScenariosPerBundle} scenarios; sample them instead");
        Assert.True(plans > 0, $"{code}: no scenario reaches any matter");
        Assert.True(scenarios >= plans);
    }
}
