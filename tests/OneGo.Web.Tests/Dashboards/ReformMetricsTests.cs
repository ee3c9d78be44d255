using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneGo.Web.Data;
using OneGo.Web.Features.Dashboards;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Dashboards;

/// <summary>
/// 改革成效: the catalog's before/after for a bundle equals the catalog report's (docs/catalog.md), and the measured
/// figures equal counts made from this test's own cases (one filed online, one at the window).
/// </summary>
[Trait("Category", "Database")]
public sealed class ReformMetricsTests
{
    private static string S(JsonNode node, string name) => node[name]!.GetValue<string>();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reform_figures_match_the_catalog_report_and_the_measured_cases(bool rolledUp)
    {
        using var factory = new OneGoFactory();
        var online = await Newborn.CompletedAsync(factory);
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await Newborn.ApplicationAsync(clerk, maternity: "no")))!.AsObject();
        body["applicant"] = new JsonObject { ["idNumber"] = DemoSeed.LiJuan };
        var filed = await clerk.OkAsync(clerk.PostAsync("/api/v1/cases", body));
        var accepted = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{filed["id"]}/accept", new { }));
        foreach (var (matter, department) in Newborn.Decisions.Where(d => d.Matter != "maternity-medical-benefit"))
        {
            var reviewer = await ApiClient.ReviewerAsync(factory, department);
            await reviewer.OkAsync(reviewer.PostAsync($"/api/v1/tasks/{Newborn.TaskId(accepted, matter)}/approve", new { result = (object?)null }));
        }
        if (rolledUp)
        {
            // The next morning the day is in the daily rollup, and the same month's report reads it from there.
            factory.Time.SetUtcNow(new DateTimeOffset(2026, 9, 25, 1, 0, 0, TimeSpan.Zero));
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
            var (_, catalog) = await scope.ServiceProvider.GetRequiredService<Web.Features.Catalog.PublishedCatalogs>().CurrentAsync(db, CancellationToken.None);
            Assert.Equal(1, (await DashboardRollup.RefreshAsync(db, catalog.Calendar, new DateOnly(2026, 9, 25), buildMissing: true, CancellationToken.None)).DaysBuilt);
            var day = await db.Set<DashboardReformRecord>().SingleAsync(r => r.Day == new DateOnly(2026, 9, 24) && r.BundleCode == "newborn");
            Assert.Equal((2, 2, 1), (day.PromiseBase, day.WithinPromise, day.ZeroTrip));
        }
        var supervisor = await ApiClient.LoginAsync(factory, "supervisor");
        var cases = new[] { await supervisor.OkAsync(supervisor.GetAsync($"/api/v1/cases/{online["id"]}")), await supervisor.OkAsync(supervisor.GetAsync($"/api/v1/cases/{filed["id"]}")) };

        var report = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/reform?period=month"));
        var newborn = report["bundles"]!.AsArray().Single(b => S(b!, "code") == "newborn")!;

        // The catalog: the same before → after as the catalog report's row for 新生儿出生“一件事”.
        var line = File.ReadLines(Path.Combine(Artifacts.RepositoryRoot(), "docs", "catalog.md")).Single(l => l.StartsWith("| 新生儿出生“一件事” |", StringComparison.Ordinal));
        var cells = line.Split('|', StringSplitOptions.TrimEntries);
        string Pair(string figure) => $"{newborn["catalog"]![figure]!["before"]}→{newborn["catalog"]![figure]!["after"]}";
        Assert.Equal(cells[8], Pair("fields"));
        Assert.Equal(cells[9], Pair("materials"));
        Assert.Equal(cells[10], Pair("trips"));
        Assert.Equal(cells[11], Pair("steps"));
        Assert.Equal(cells[12], Pair("days"));
        Assert.True(newborn["catalog"]!["scenarios"]!.GetValue<int>() > 1);

        // Measured: both closed the day they were accepted (0 working days, within the promised 5); only the online one made no trip.
        var measured = newborn["measured"]!;
        Assert.Equal(2, measured["closed"]!.GetValue<int>());
        Assert.Equal(0, measured["medianWorkingDays"]!.GetValue<double>());
        Assert.Equal(5, measured["promisedWorkingDays"]!.GetValue<int>());
        Assert.Equal(1.0, measured["withinPromiseRate"]!.GetValue<double>());
        Assert.Equal(1, measured["zeroTrip"]!.GetValue<int>());
        Assert.Equal(0.5, measured["zeroTripShare"]!.GetValue<double>());

        // Materials: results that flowed between departments and held e-licenses used, against what the applicants handed in.
        var flowed = cases.Sum(c => c["materials"]!.AsArray().Where(m => S(m!, "origin") == "taskResult").Select(m => S(m!, "key")).Distinct().Count());
        var handedIn = cases.Sum(c => c["materials"]!.AsArray().Where(m => S(m!, "origin") != "taskResult").Select(m => S(m!, "key")).Distinct().Count());
        var used = 0;
        foreach (var (user, @case) in new[] { ("zhangsan", cases[0]), ("lijuan", cases[1]) })
        {
            var holder = await ApiClient.LoginAsync(factory, user);
            var held = await holder.OkAsync(holder.GetAsync("/api/v1/licenses/mine"));
            used += held.AsArray().SelectMany(l => l!["uses"]!.AsArray()).Count(u => u!["caseId"]!.GetValue<long>() == @case["id"]!.GetValue<long>());
        }
        Assert.True(flowed > 0 && used > 0 && handedIn > 0, $"{flowed} {used} {handedIn}");
        Assert.Equal(flowed + used, measured["materialsExempted"]!.GetValue<int>());
        Assert.Equal(handedIn, measured["materialsSubmitted"]!.GetValue<int>());
        Assert.Equal(Math.Round((double)(flowed + used) / (flowed + used + handedIn), 4), measured["exemptedShare"]!.GetValue<double>());
        Assert.Equal(2, report["overall"]!["closed"]!.GetValue<int>());

        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/reform")).Status);
    }
}
