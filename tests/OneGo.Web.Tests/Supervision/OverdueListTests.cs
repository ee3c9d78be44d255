using System.Net;
using System.Text.Json.Nodes;
using OneGo.Domain.Cases;
using OneGo.Web.Features.Supervision;
using OneGo.Web.Tests.Api;
using static OneGo.Web.Tests.Supervision.SupervisionSweepTests;

namespace OneGo.Web.Tests.Supervision;

/// <summary>
/// 超期督办台账: the supervision office lists exactly the tasks the case pages show red (or yellow), with counts per
/// department and whether each was escalated; a department head sees their own department only; the overnight
/// escalations reach the office as one 督办 that links to the list. Both databases.
/// </summary>
[Trait("Category", "Database")]
public sealed class OverdueListTests
{
    /// <summary>The running, unpaused tasks the case pages colour <paramref name="level"/> today, by id.</summary>
    private static async Task<Dictionary<long, JsonNode>> ColouredAsync(OneGoFactory factory, IEnumerable<long> cases, string level)
    {
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var tasks = new Dictionary<long, JsonNode>();
        foreach (var id in cases)
        {
            var @case = await clerk.OkAsync(clerk.GetAsync($"/api/v1/cases/{id}"));
            foreach (var task in @case["tasks"]!.AsArray().Select(t => t!))
            {
                if (task["state"]!.GetValue<string>() is "received" or "reviewing" && task["pause"]!.GetValue<string>() == "none"
                    && task["warning"]?.GetValue<string>() == level)
                {
                    tasks[task["id"]!.GetValue<long>()] = task;
                }
            }
        }
        return tasks;
    }

    private static List<long> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["taskId"]!.GetValue<long>()).ToList();

    [Fact]
    public async Task The_office_lists_exactly_the_red_and_yellow_tasks_with_counts_per_department_and_a_head_only_their_own()
    {
        using var factory = new OneGoFactory();
        var cases = new List<long> { (await AcceptedAsync(factory))["id"]!.GetValue<long>(), (await AcceptedAsync(factory))["id"]!.GetValue<long>() };

        // The day before the health department's deadline: its certificates are yellow.
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var first = await clerk.OkAsync(clerk.GetAsync($"/api/v1/cases/{cases[0]}"));
        var health = first["tasks"]!.AsArray().Single(t => t!["matter"]!.GetValue<string>() == "birth-medical-certificate")!;
        var deadline = DateOnly.Parse(health["deadlineOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var calendar = await CalendarAsync(factory);
        SetDay(factory, Enumerable.Range(1, 30).Select(d => deadline.AddDays(-d)).First(calendar.IsWorkingDay));
        var supervisor = await ApiClient.LoginAsync(factory, "supervisor");   // sign-ins expire: a new one on each day
        var yellow = await ColouredAsync(factory, cases, "yellow");
        Assert.Contains(health["id"]!.GetValue<long>(), yellow.Keys);
        var soon = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/supervision/overdue?level=yellow&pageSize=100"));
        Assert.Equal("yellow", soon["level"]!.GetValue<string>());
        Assert.Equal(yellow.Keys.Order(), Ids(soon).Order());
        Assert.Equal(yellow.Count, soon["total"]!.GetValue<int>());
        Assert.All(soon["items"]!.AsArray(), i => Assert.True(i!["remainingWorkingDays"]!.GetValue<int>() >= 0));
        Assert.Equal((await ColouredAsync(factory, cases, "red")).Count, (await supervisor.OkAsync(supervisor.GetAsync("/api/v1/supervision/overdue")))["total"]!.GetValue<int>());

        // Weeks later: every running task is red; the list is exactly those, longest overdue first, none escalated yet.
        SetDay(factory, new DateOnly(2026, 12, 15));
        supervisor = await ApiClient.LoginAsync(factory, "supervisor");
        var red = await ColouredAsync(factory, cases, "red");
        Assert.True(red.Count >= 4, $"{red.Count} red tasks");
        var overdue = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/supervision/overdue?pageSize=100"));
        Assert.Equal("red", overdue["level"]!.GetValue<string>());
        Assert.Equal(red.Keys.Order(), Ids(overdue).Order());
        Assert.Equal(red.Count, overdue["total"]!.GetValue<int>());
        var items = overdue["items"]!.AsArray().Select(i => i!).ToList();
        Assert.Equal(items.Select(i => i["deadlineOn"]!.GetValue<string>()).Order(StringComparer.Ordinal), items.Select(i => i["deadlineOn"]!.GetValue<string>()));
        Assert.All(items, i =>
        {
            Assert.Equal(red[i["taskId"]!.GetValue<long>()]["remainingWorkingDays"]!.GetValue<int>(), i["remainingWorkingDays"]!.GetValue<int>());
            Assert.True(i["remainingWorkingDays"]!.GetValue<int>() < 0);
            Assert.Null(i["escalatedAt"]);
        });
        var departments = overdue["departments"]!.AsArray().Select(d => d!).ToList();
        Assert.Equal(red.Values.GroupBy(t => t["department"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count()),
            departments.ToDictionary(d => d["department"]!.GetValue<string>(), d => d["red"]!.GetValue<int>()));
        Assert.All(departments, d => Assert.False(string.IsNullOrEmpty(d["departmentName"]!.GetValue<string>())));

        // Pages are slices of the same order.
        var second = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/supervision/overdue?page=2&pageSize=2"));
        Assert.Equal(Ids(overdue).Skip(2).Take(2), Ids(second));

        // The sweep escalates them all; the office gets one 督办 naming them, linking here; the list shows when.
        var swept = await SweepAsync(factory);
        Assert.Equal(red.Count, swept.Escalations);
        var messages = (await InboxAsync(factory, "supervisor")).Where(m => m!["kind"]!.GetValue<string>() == "escalation").ToList();
        var digest = Assert.Single(messages)!;
        Assert.Equal($"督办：{red.Count} 件子件已超期", digest["title"]!.GetValue<string>());
        Assert.Equal("/supervise/overdue", digest["link"]!.GetValue<string>());
        Assert.All(red.Values, t => Assert.Contains($"“{t["matterName"]!.GetValue<string>()}”", digest["body"]!.GetValue<string>(), StringComparison.Ordinal));
        overdue = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/supervision/overdue?pageSize=100"));
        Assert.All(overdue["items"]!.AsArray(), i => Assert.NotNull(i!["escalatedAt"]));

        // The health department's head: only health's tasks and count; another department's list is refused.
        var healthRed = red.Values.Where(t => t["department"]!.GetValue<string>() == "xg-health").Select(t => t["id"]!.GetValue<long>()).ToList();
        Assert.NotEmpty(healthRed);
        var head = await ApiClient.LoginAsync(factory, "head-xg-health");
        var own = await head.OkAsync(head.GetAsync("/api/v1/supervision/overdue?pageSize=100"));
        Assert.Equal(healthRed.Order(), Ids(own).Order());
        Assert.Equal("xg-health", Assert.Single(own["departments"]!.AsArray())!["department"]!.GetValue<string>());
        var headMessages = (await InboxAsync(factory, "head-xg-health")).Where(m => m!["kind"]!.GetValue<string>() == "escalation").ToList();
        Assert.Equal(healthRed.Count, headMessages.Sum(m => TasksIn(m!["title"]!.GetValue<string>())));
        var other = await head.GetAsync("/api/v1/supervision/overdue?department=xg-police");
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal("department-not-visible", other.Body!["code"]!.GetValue<string>());
        Assert.Contains("本部门", other.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // The office filters by department.
        var police = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/supervision/overdue?department=xg-police&pageSize=100"));
        Assert.Equal(red.Values.Where(t => t["department"]!.GetValue<string>() == "xg-police").Select(t => t["id"]!.GetValue<long>()).Order(), Ids(police).Order());
    }

    /// <summary>
    /// The list finds red tasks by one date comparison in SQL; it must agree with the domain's count of working days
    /// on every day of the official calendar — over weekends, the National Day week and the make-up working days.
    /// </summary>
    [Fact]
    public async Task The_red_cutoff_agrees_with_the_working_day_count_on_every_day()
    {
        using var factory = new OneGoFactory();
        var calendar = await CalendarAsync(factory);
        for (var today = new DateOnly(2026, 9, 20); today <= new DateOnly(2026, 10, 31); today = today.AddDays(1))
        {
            var cutoff = OverdueApi.RedCutoff(calendar, today);
            for (var deadline = today.AddDays(-20); deadline <= today.AddDays(5); deadline = deadline.AddDays(1))
            {
                Assert.True(deadline < cutoff == Clock.Remaining(calendar, deadline, today) < 0, $"today {today}, deadline {deadline}, cutoff {cutoff}");
            }
        }
    }

    [Fact]
    public async Task Others_are_refused_and_bad_parameters_get_a_clear_problem()
    {
        using var factory = new OneGoFactory();
        var reviewer = await ApiClient.ReviewerAsync(factory, "xg-health");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/v1/supervision/overdue")).Status);
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/supervision/overdue")).Status);

        var supervisor = await ApiClient.LoginAsync(factory, "supervisor");
        var level = await supervisor.GetAsync("/api/v1/supervision/overdue?level=purple");
        Assert.Equal(HttpStatusCode.BadRequest, level.Status);
        Assert.Equal("invalid-level", level.Body!["code"]!.GetValue<string>());
        Assert.Contains("purple", level.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var size = await supervisor.GetAsync("/api/v1/supervision/overdue?pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, size.Status);
        Assert.Equal("invalid-page", size.Body!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/v1/supervision/overdue?page=0")).Status);
    }
}
