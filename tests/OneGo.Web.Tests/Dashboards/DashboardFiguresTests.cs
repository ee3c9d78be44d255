using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using OneGo.Web.Data;
using OneGo.Web.Features.Dashboards;
using OneGo.Web.Tests.Api;
using OneGo.Web.Tests.Ratings;

namespace OneGo.Web.Tests.Dashboards;

/// <summary>
/// The dashboard's figures equal counts made here from the cases this test creates through the API (each test has a
/// database of its own, so every case in it is known): five newborn cases over a month, one of them corrected and
/// accepted with tolerance, one filed at the window and completed late, one still waiting for acceptance; then the
/// clock moves on so that open work is overdue.
/// </summary>
[Trait("Category", "Database")]
public sealed class DashboardFiguresTests
{
    private const string Period = "period=custom&from=2026-09-01&to=2026-10-31";

    /// <summary>The cases of the scenario as the supervisor sees them after the clock moved to 2026-10-20.</summary>
    private sealed record Scenario(OneGoFactory Factory, JsonNode Completed, JsonNode CompletedLater, JsonNode Tolerated, JsonNode Late, JsonNode Waiting, List<JsonNode> All);

    /// <summary>
    /// Builds the scenario. <paramref name="rolledUp"/>: the dashboards' daily rollup is built once the clock has moved on
    /// (so 2026-09-24 is read from it), before the decisions of 2026-10-20 change that day's cases again (so the day is
    /// marked and must be rebuilt before the dashboard answers).
    /// </summary>
    private static async Task<Scenario> BuildAsync(OneGoFactory factory, bool rolledUp = false)
    {
        // 2026-09-24 (Thu) 09:00: one case completed the same day (0 working days, on time) …
        var completed = await Newborn.CompletedAsync(factory);
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var clerk = await ApiClient.LoginAsync(factory, "window");

        // … one that gets a correction notice, is resubmitted and accepted with tolerance (promised 5 working days: 2026-10-09) …
        var tolerated = await Newborn.SubmitAsync(applicant);
        var toleratedId = tolerated["id"]!.GetValue<long>();
        await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{toleratedId}/corrections", new { items = new[] { "出生医学记录照片不清晰，请重新上传" } }));
        await applicant.OkAsync(applicant.PostAsync($"/api/v1/cases/{toleratedId}/resubmit", await Newborn.ApplicationAsync(applicant)));
        await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{toleratedId}/accept", new
        {
            tolerance = new { materials = new[] { "diagnosis-certificate", "expense-list" }, supplementWorkingDays = 5, commitment = "本人承诺于五个工作日内补交" },
        }));

        // … one filed at the window for 李娟 and accepted (completed late, below) …
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await Newborn.ApplicationAsync(clerk, maternity: "no")))!.AsObject();
        body["applicant"] = new JsonObject { ["idNumber"] = DemoSeed.LiJuan };
        var late = await clerk.OkAsync(clerk.PostAsync("/api/v1/cases", body));
        var lateAccepted = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{late["id"]}/accept", new { }));

        // … and one that waits for acceptance.
        var waiting = await Newborn.SubmitAsync(applicant);

        // 2026-10-20 (Tue) 10:00, after 中秋 and 国庆: 13 working days later (09-28…09-30, 10-08…10-10 (a make-up Saturday), 10-12…10-16, 10-19, 10-20).
        factory.Time.SetUtcNow(new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero));
        if (rolledUp)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
            var (_, catalog) = await scope.ServiceProvider.GetRequiredService<Web.Features.Catalog.PublishedCatalogs>().CurrentAsync(db, CancellationToken.None);
            var built = await DashboardRollup.RefreshAsync(db, catalog.Calendar, new DateOnly(2026, 10, 20), buildMissing: true, CancellationToken.None);
            Assert.Equal(26, built.DaysBuilt); // 09-24 … 10-19
        }
        foreach (var (matter, department) in Newborn.Decisions.Where(d => d.Matter != "maternity-medical-benefit"))
        {
            var reviewer = await ApiClient.ReviewerAsync(factory, department);
            await reviewer.OkAsync(reviewer.PostAsync($"/api/v1/tasks/{Newborn.TaskId(lateAccepted, matter)}/approve", new { result = (object?)null }));
        }
        var completedLater = await Newborn.CompletedAsync(factory);
        await Rate.OkAsync(await ApiClient.LoginAsync(factory, "zhangsan"), completedLater["id"]!.GetValue<long>(), null, "satisfied");

        var supervisor = await ApiClient.LoginAsync(factory, "supervisor");
        async Task<JsonNode> Fresh(JsonNode c) => await supervisor.OkAsync(supervisor.GetAsync($"/api/v1/cases/{c["id"]}"));
        var all = new List<JsonNode>();
        foreach (var c in new[] { completed, tolerated, late, waiting, completedLater })
        {
            all.Add(await Fresh(c));
        }
        return new Scenario(factory, all[0], all[4], all[1], all[2], all[3], all);
    }

    private static int Int(JsonNode figures, string name) => figures[name]!.GetValue<int>();

    private static double? Number(JsonNode figures, string name) => figures[name]?.GetValue<double>();

    private static string S(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static DateOnly CstDate(string instant) => DateOnly.FromDateTime(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).DateTime);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Figures_equal_the_counts_of_the_cases_per_bundle_department_and_day_and_export_the_same(bool rolledUp)
    {
        using var factory = new OneGoFactory();
        var s = await BuildAsync(factory, rolledUp);
        var supervisor = await ApiClient.LoginAsync(factory, "supervisor");
        var report = await supervisor.OkAsync(supervisor.GetAsync($"/api/v1/dashboard?{Period}"));
        Assert.Equal("cases", S(report, "basis"));
        var totals = report["totals"]!;

        // Independently from the cases: five submitted, four accepted (one with tolerance), three closed, two on time.
        Assert.Equal(5, Int(totals, "received"));
        Assert.Equal(4, Int(totals, "accepted"));
        Assert.Equal(1, Int(totals, "tolerated"));
        Assert.Equal(0.25, Number(totals, "toleranceRate"));
        Assert.Equal(1, Int(totals, "corrected"));
        Assert.Equal(0.2, Number(totals, "correctionRate"));
        var closed = s.All.Where(c => S(c, "state") == "completed").ToList();
        Assert.Equal(3, closed.Count);
        Assert.Equal(closed.Count, Int(totals, "completed"));
        var onTime = closed.Count(c => CstDate(S(c, "closedAt")) <= DateOnly.Parse(S(c, "deadlineOn"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, onTime);
        Assert.Equal(onTime, Int(totals, "onTime"));
        Assert.Equal(Math.Round(2 / 3.0, 4), Number(totals, "onTimeRate"));
        // Working days 0, 0 and 13: median 0, mean 4.3.
        Assert.Equal(0, Number(totals, "medianWorkingDays"));
        Assert.Equal(4.3, Number(totals, "averageWorkingDays"));
        // Open and past the 2026-10-09 deadline: the tolerated case.
        Assert.Equal("2026-10-09", S(s.Tolerated, "deadlineOn"));
        Assert.Equal(1, Int(totals, "overdueNow"));
        Assert.Equal(s.All.Count(c => S(c, "channel") == "online"), Int(totals, "online"));
        Assert.Equal(1, Int(totals, "window"));
        Assert.Equal(0.8, Number(totals, "onlineShare"));
        Assert.Equal(1, Int(totals, "ratings"));
        Assert.Equal(1.0, Number(totals, "satisfactionRate"));
        var newborn = report["byBundle"]!.AsArray().Single()!;
        Assert.Equal("newborn", S(newborn, "code"));
        Assert.Equal(totals.ToJsonString(), newborn["figures"]!.ToJsonString());

        // Departments count their tasks: computed here from each case's tasks.
        var today = new DateOnly(2026, 10, 20);
        var tasks = s.All.Where(c => c["acceptedAt"] is not null).SelectMany(c => c["tasks"]!.AsArray()).Select(t => t!).ToList();
        foreach (var row in report["byDepartment"]!.AsArray().Select(r => r!))
        {
            var mine = tasks.Where(t => S(t, "department") == S(row, "code")).ToList();
            var decided = mine.Where(t => S(t, "state") is "approved" or "denied").ToList();
            var f = row["figures"]!;
            Assert.Equal(mine.Count, Int(f, "received"));
            Assert.Equal(decided.Count, Int(f, "completed"));
            Assert.Equal(decided.Count(t => CstDate(S(t, "decidedAt")) <= DateOnly.Parse(S(t, "deadlineOn"), System.Globalization.CultureInfo.InvariantCulture)), Int(f, "onTime"));
            Assert.Equal(mine.Count(t => S(t, "state") is "received" or "reviewing" && DateOnly.Parse(S(t, "deadlineOn"), System.Globalization.CultureInfo.InvariantCulture) < today), Int(f, "overdueNow"));
        }
        Assert.Equal(tasks.Select(t => S(t, "department")).Distinct().Count(), report["byDepartment"]!.AsArray().Count);
        var health = report["byDepartment"]!.AsArray().Single(r => S(r!, "code") == "xg-health")!["figures"]!;
        Assert.Equal(1, Int(health, "overdueNow"));

        // The trend: each day's submissions, acceptances and closings.
        var trend = report["trend"]!.AsArray();
        Assert.Equal(61, trend.Count);
        var sept24 = trend.Single(d => S(d!, "day") == "2026-09-24")!;
        Assert.Equal(4, Int(sept24, "received"));
        Assert.Equal(3, Int(sept24, "accepted"));
        Assert.Equal(1, Int(sept24, "completed"));
        var oct20 = trend.Single(d => S(d!, "day") == "2026-10-20")!;
        Assert.Equal((1, 1, 2, 1), (Int(oct20, "received"), Int(oct20, "accepted"), Int(oct20, "completed"), Int(oct20, "onTime")));
        Assert.Equal(5, trend.Sum(d => Int(d!, "received")));
        if (rolledUp)
        {
            // 2026-09-24 was read from the rollup, rebuilt after the decisions of 10-20 changed its late case.
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
            Assert.Empty(await db.Set<DashboardDirtyDayRecord>().Where(d => d.Day < today).ToListAsync());
            Assert.True(await db.Set<DashboardRolledDayRecord>().AnyAsync(d => d.Day == new DateOnly(2026, 9, 24)));
            var flow = await db.Set<DashboardFlowRecord>().SingleAsync(f => f.Day == new DateOnly(2026, 9, 24) && f.Level == 0);
            Assert.Equal((4, 3, 1), (flow.Received, flow.Accepted, flow.Corrected));
        }

        // Today and this month (2026-10-01 … 10-20) narrow the same counts.
        var todays = (await supervisor.OkAsync(supervisor.GetAsync("/api/v1/dashboard?period=today")))["totals"]!;
        Assert.Equal((1, 1, 2), (Int(todays, "received"), Int(todays, "accepted"), Int(todays, "completed")));
        var month = await supervisor.OkAsync(supervisor.GetAsync("/api/v1/dashboard?period=month"));
        Assert.Equal("2026-10-01", S(month, "from"));
        Assert.Equal(2, Int(month["totals"]!, "completed"));

        // Drill-down: the overdue case and the corrected one, linking to the case page.
        var overdue = await supervisor.OkAsync(supervisor.GetAsync($"/api/v1/dashboard/cases?figure=overdue&{Period}"));
        Assert.Equal(s.Tolerated["id"]!.GetValue<long>(), overdue["items"]!.AsArray().Single()!["id"]!.GetValue<long>());
        Assert.Equal("张*", S(overdue["items"]![0]!, "applicant"));
        var corrected = await supervisor.OkAsync(supervisor.GetAsync($"/api/v1/dashboard/cases?figure=corrected&{Period}"));
        Assert.Equal(1, Int(corrected, "total"));
        var window = await supervisor.OkAsync(supervisor.GetAsync($"/api/v1/dashboard/cases?figure=window&{Period}"));
        Assert.Equal(s.Late["id"]!.GetValue<long>(), window["items"]!.AsArray().Single()!["id"]!.GetValue<long>());

        // CSV with a byte-order mark for Excel, and the same rows in the workbook.
        using var csv = await supervisor.Http.GetAsync($"/api/v1/dashboard/export.csv?{Period}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("统计期间,2026-09-01 至 2026-10-31", lines[0], StringComparison.Ordinal);
        var header = lines[1].Split(',');
        var total = lines[2].Split(',');
        Assert.Equal("合计（按办件）", total[0]);
        Assert.Equal("5", total[Array.IndexOf(header, "收件")]);
        Assert.Equal("66.67", total[Array.IndexOf(header, "按时办结率（%）")]);
        Assert.Equal("4.3", total[Array.IndexOf(header, "平均办理工作日")]);
        Assert.Contains(lines, l => l.StartsWith("部门（按子件）,xg-health,兴国县", StringComparison.Ordinal));

        using var xlsx = await supervisor.Http.GetAsync($"/api/v1/dashboard/export.xlsx?{Period}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["效能看板", "趋势"], MiniExcel.GetSheetNames(book));
        var rows = MiniExcel.Query(book, useHeaderRow: true, sheetName: "效能看板").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("合计（按办件）", rows[0]["分组"]);
        Assert.Equal(5.0, Convert.ToDouble(rows[0]["收件"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1.0, Convert.ToDouble(rows[0]["当前超期"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1 + report["byBundle"]!.AsArray().Count + report["byDepartment"]!.AsArray().Count, rows.Count);
        book.Position = 0;
        Assert.Equal(61, MiniExcel.Query(book, useHeaderRow: true, sheetName: "趋势").Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_head_sees_only_their_department_and_its_cases_others_are_refused(bool rolledUp)
    {
        using var factory = new OneGoFactory();
        var s = await BuildAsync(factory, rolledUp);
        var head = await ApiClient.LoginAsync(factory, "head-xg-health");

        var report = await head.OkAsync(head.GetAsync($"/api/v1/dashboard?{Period}"));
        Assert.Equal("xg-health", S(report, "department"));
        Assert.Equal("tasks", S(report, "basis"));
        Assert.Equal("xg-health", S(report["byDepartment"]!.AsArray().Single()!, "code"));
        var healthTasks = s.All.Where(c => c["acceptedAt"] is not null).SelectMany(c => c["tasks"]!.AsArray()).Count(t => S(t!, "department") == "xg-health");
        Assert.Equal(healthTasks, Int(report["totals"]!, "received"));
        Assert.Equal(1, Int(report["totals"]!, "overdueNow"));
        Assert.Equal(report["totals"]!.ToJsonString(), report["byBundle"]!.AsArray().Single()!["figures"]!.ToJsonString());

        // Another department: 403; an unknown one (for a supervisor): 404.
        var other = await head.GetAsync($"/api/v1/dashboard?{Period}&department=xg-police");
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal("other-department", S(other.Body!, "code"));
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/v1/dashboard/cases?figure=overdue&department=xg-police")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/v1/dashboard/export.csv?department=xg-police")).Status);
        var supervisor = await ApiClient.LoginAsync(factory, "supervisor");
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/v1/dashboard?department=no-such-department")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/v1/dashboard?bundle=no-such-bundle")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/v1/dashboard?period=custom&from=2026-10-02&to=2026-10-01")).Status);

        // Applicants, reviewers and clerks have no dashboard.
        foreach (var user in new[] { "zhangsan", "reviewer-xg-health", "window" })
        {
            var client = await ApiClient.LoginAsync(factory, user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/dashboard")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/dashboard/export.xlsx")).Status);
        }

        // The head drills down to the department's overdue case and opens it with its timeline; a head of a department
        // without a task in it gets not-found.
        var overdue = await head.OkAsync(head.GetAsync($"/api/v1/dashboard/cases?figure=overdue&{Period}"));
        var id = s.Tolerated["id"]!.GetValue<long>();
        Assert.Equal(id, overdue["items"]!.AsArray().Single()!["id"]!.GetValue<long>());
        var opened = await head.OkAsync(head.GetAsync($"/api/v1/cases/{id}"));
        Assert.NotEmpty(opened["timeline"]!.AsArray());
        var stranger = await ApiClient.LoginAsync(factory, "head-xg-market");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/cases/{id}")).Status);
    }
}
