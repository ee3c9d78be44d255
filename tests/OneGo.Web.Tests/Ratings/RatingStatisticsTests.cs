using System.Net;
using System.Text.Json.Nodes;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Ratings;

/// <summary>
/// Rating statistics for the dashboards, on a database of their own (one test in this class, so every rating in it
/// is the test's), and an appeal upheld by the supervision office taking a bad review out of them.
/// </summary>
[Trait("Category", "Database")]
public sealed class RatingStatisticsTests : IClassFixture<OneGoFactory>
{
    private readonly OneGoFactory _factory;

    public RatingStatisticsTests(OneGoFactory factory) => _factory = factory;

    private static readonly string[] Levels = ["verySatisfied", "satisfied", "basic", "dissatisfied", "veryDissatisfied"];

    private static bool IsBad(string level) => level is "dissatisfied" or "veryDissatisfied";

    private static int Score(string level) => 5 - Array.IndexOf(Levels, level);

    private static void AssertFigures(JsonNode figures, IReadOnlyList<string> counted, int voided)
    {
        var bad = counted.Count(IsBad);
        Assert.Equal(counted.Count, figures["total"]!.GetValue<int>());
        Assert.Equal(bad, figures["bad"]!.GetValue<int>());
        Assert.Equal(voided, figures["voided"]!.GetValue<int>());
        foreach (var level in Levels)
        {
            var row = figures["levels"]!.AsArray().Single(l => l!["level"]!.GetValue<string>() == level)!;
            Assert.Equal(counted.Count(l => l == level), row["count"]!.GetValue<int>());
        }
        Assert.Equal(Math.Round((double)(counted.Count - bad) / counted.Count, 4), figures["satisfactionRate"]!.GetValue<double>());
        Assert.Equal(Math.Round((double)bad / counted.Count, 4), figures["badRate"]!.GetValue<double>());
        Assert.Equal(Math.Round(counted.Average(Score), 2), figures["averageScore"]!.GetValue<double>());
    }

    [Fact]
    public async Task Statistics_count_every_level_per_bundle_and_department_and_an_upheld_appeal_removes_the_bad_review()
    {
        var first = await Newborn.CompletedAsync(_factory);
        var second = await Newborn.CompletedAsync(_factory);
        var applicant = await ApiClient.LoginAsync(_factory, "zhangsan");
        var supervisor = await ApiClient.LoginAsync(_factory, "supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/ratings/statistics")).Status);

        // (case, matter or null for the whole case, level); whole-case ratings answer to the lead department 卫健委.
        var given = new List<(JsonNode Case, string? Matter, string Level, string Department)>
        {
            (first, null, "satisfied", "xg-health"),
            (first, "birth-registration", "veryDissatisfied", "xg-police"),
            (first, "vaccination-certificate", "verySatisfied", "xg-cdc"),
            (second, null, "dissatisfied", "xg-health"),
            (second, "social-security-card", "basic", "xg-hrss"),
        };
        foreach (var (@case, matter, level, _) in given)
        {
            await Rate.OkAsync(applicant, Rate.Id(@case), matter is null ? null : Newborn.TaskId(@case, matter), level, IsBad(level) ? "办理体验不好" : null);
        }
        var all = given.Select(g => g.Level).ToList();

        var before = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/ratings/statistics?from=2026-09-24&to=2026-09-24"));
        AssertFigures(before["overall"]!, all, voided: 0);
        var newborn = before["byBundle"]!.AsArray().Single()!;
        Assert.Equal("newborn", newborn["code"]!.GetValue<string>());
        AssertFigures(newborn["figures"]!, all, voided: 0);
        var health = before["byDepartment"]!.AsArray().Single(d => d!["code"]!.GetValue<string>() == "xg-health")!;
        AssertFigures(health["figures"]!, given.Where(g => g.Department == "xg-health").Select(g => g.Level).ToList(), voided: 0);
        Assert.Equal(2, before["rectifications"]!["total"]!.GetValue<int>());
        var outside = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/ratings/statistics?from=2026-09-25"));
        Assert.Equal(0, outside["overall"]!["total"]!.GetValue<int>());
        Assert.Null(outside["overall"]!["satisfactionRate"]);

        // 卫健委 appeals the whole-case bad review of the second case; the supervision office upholds it.
        var healthReviewer = await ApiClient.ReviewerAsync(_factory, "xg-health");
        var contested = Rate.OfCase(await healthReviewer.OkAsync(healthReviewer.GetAsync("/api/v1/rectifications")), Rate.Id(second))!;
        Assert.Null(contested["task"]);
        var id = Rate.Id(contested);
        Assert.Equal(HttpStatusCode.Forbidden, (await healthReviewer.PostAsync($"/api/v1/rectifications/{id}/appeal/decision", new { uphold = true, decision = "自己审" })).Status);
        var appealed = await healthReviewer.OkAsync(healthReviewer.PostAsync($"/api/v1/rectifications/{id}/appeal", new { reason = "回访中评价人表示误选了等级" }));
        Assert.Equal("appealed", Rate.Text(appealed, "state"));
        var pending = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/rectifications?appeals=true"));
        Assert.Equal([id], pending.AsArray().Select(x => Rate.Id(x!)));
        var noDecision = await supervisor.PostAsync($"/api/v1/rectifications/{id}/appeal/decision", new { decision = "成立" });
        Assert.Equal("uphold-required", Rate.Text(noDecision.Body!, "code"));
        var upheld = await supervisor.OkAsync(supervisor.PostAsync($"/api/v1/rectifications/{id}/appeal/decision", new { uphold = true, decision = "回访录音证实为误评" }));
        Assert.Equal("voided", Rate.Text(upheld, "state"));
        Assert.Equal("upheld", Rate.Text(upheld, "appeal"));

        var after = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/ratings/statistics"));
        var counted = given.Where(g => !(g.Case == second && g.Matter is null)).Select(g => g.Level).ToList();
        AssertFigures(after["overall"]!, counted, voided: 1);
        var police = after["byDepartment"]!.AsArray().Single(d => d!["code"]!.GetValue<string>() == "xg-police")!;
        Assert.Equal(1, police["figures"]!["bad"]!.GetValue<int>());
        Assert.Equal(1, after["rectifications"]!["voided"]!.GetValue<int>());
        Assert.Equal(1, after["rectifications"]!["unanswered"]!.GetValue<int>());
        Assert.Equal(0, after["rectifications"]!["overdue"]!.GetValue<int>());
        Assert.True((await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{Rate.Id(second)}/ratings")))["ratings"]!.AsArray()
            .Single(r => r!["task"] is null)!["voided"]!.GetValue<bool>());

        // Three weeks later the police's rectification, never answered, is overdue for the supervision office.
        _factory.Time.Advance(TimeSpan.FromDays(21));
        supervisor = await ApiClient.LoginAsync(_factory, "supervisor"); // the earlier token has expired
        var overdue = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/rectifications?overdue=true"));
        var late = overdue.AsArray().Single()!;
        Assert.Equal("xg-police", late["department"]!.GetValue<string>());
        Assert.True(late["overdue"]!.GetValue<bool>());
        Assert.True(late["followUpOverdue"]!.GetValue<bool>());
        Assert.True(late["remainingWorkingDays"]!.GetValue<int>() < 0);
        Assert.Equal(1, (await supervisor.OkAsync(supervisor.GetAsync("/api/v1/ratings/statistics")))["rectifications"]!["overdue"]!.GetValue<int>());
    }
}
