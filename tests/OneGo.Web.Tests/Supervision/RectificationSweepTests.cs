using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneGo.Web.Features.Supervision;
using OneGo.Web.Tests.Api;
using OneGo.Web.Tests.Ratings;
using static OneGo.Web.Tests.Supervision.SupervisionSweepTests;

namespace OneGo.Web.Tests.Supervision;

/// <summary>
/// Rectifications are supervised like tasks: a bad review rated on Thursday 2026-09-24 must be followed up by
/// 2026-09-28 and answered by 2026-10-09 (5 working days across 中秋 and 国庆). The sweep reminds the department when
/// the follow-up is late and when the deadline turns yellow, and escalates to its head and the supervision office once
/// it has passed — exactly once each, also with two nodes; answered rectifications are left alone. Both databases.
/// </summary>
[Trait("Category", "Database")]
public sealed class RectificationSweepTests
{
    /// <summary>A completed newborn case whose 出生登记 (公安) 张三 rates 非常不满意: one rectification for the police.</summary>
    private static async Task<(long Case, string Number, long Rectification)> BadReviewAsync(OneGoFactory factory)
    {
        var done = await Newborn.CompletedAsync(factory);
        var caseId = Rate.Id(done);
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        await Rate.OkAsync(applicant, caseId, Newborn.TaskId(done, "birth-registration"), "非常不满意", "上户口时窗口让我跑了两趟");
        var police = await ApiClient.ReviewerAsync(factory, "xg-police");
        var item = Rate.OfCase(await police.OkAsync(police.GetAsync("/api/v1/rectifications")), caseId)!;
        return (caseId, Rate.Text(done, "number"), Rate.Id(item));
    }

    private static async Task<string?> WarningAsync(OneGoFactory factory, long id)
    {
        var police = await ApiClient.ReviewerAsync(factory, "xg-police");
        return (await police.OkAsync(police.GetAsync($"/api/v1/rectifications/{id}")))["warning"]?.GetValue<string>();
    }

    private static async Task<List<JsonNode>> AboutAsync(OneGoFactory factory, string user, string number) =>
        (await InboxAsync(factory, user)).Where(m => m!["body"]!.GetValue<string>().Contains(number, StringComparison.Ordinal)).Select(m => m!).ToList();

    private static async Task<List<string>> AuditAsync(OneGoFactory factory, long id) => await QueryAsync(factory, async db =>
    {
        var target = $"/rectification:{id}";
        var chained = await db.Audit.Where(a => a.Target.EndsWith(target)).Select(a => a.Action).ToListAsync();
        var pending = await db.PendingAudit.Where(a => a.Target.EndsWith(target)).Select(a => a.Action).ToListAsync();
        return chained.Concat(pending).Where(a => a.StartsWith("supervision.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    });

    [Fact]
    public async Task A_late_follow_up_and_a_yellow_deadline_remind_the_department_and_an_overdue_one_is_escalated_exactly_once()
    {
        using var factory = new OneGoFactory();
        var (caseId, number, id) = await BadReviewAsync(factory);
        Assert.Equal("normal", await WarningAsync(factory, id));
        var nothing = await SweepAsync(factory);
        Assert.Equal(RectificationSweepResult.None, nothing.Rectifications);

        // Tuesday 09-29: the follow-up deadline (09-28) passed without a follow-up — the police reviewers are reminded.
        SetDay(factory, new DateOnly(2026, 9, 29));
        var late = await SweepAsync(factory);
        Assert.Equal(new RectificationSweepResult(1, 0, 0, 1), late.Rectifications);
        var followUp = Assert.Single(await AboutAsync(factory, "reviewer-xg-police", number));
        Assert.Equal("reminder", followUp["kind"]!.GetValue<string>());
        Assert.Contains("尚未回访", followUp["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2026-09-28", followUp["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"/review/rectifications?id={id}#rectification-detail", followUp["link"]!.GetValue<string>());
        Assert.Equal(0, (await SweepAsync(factory)).Rectifications.FollowUpReminders);

        // Thursday 10-08, one working day left: yellow — one 催办 to the police reviewers, none to another department.
        SetDay(factory, new DateOnly(2026, 10, 8));
        Assert.Equal("yellow", await WarningAsync(factory, id));
        var yellow = await SweepAsync(factory);
        Assert.Equal(new RectificationSweepResult(1, 1, 0, 0), yellow.Rectifications);
        Assert.Equal(0, yellow.Reminders + yellow.Escalations);
        var reminder = Assert.Single(await AboutAsync(factory, "reviewer-xg-police", number), m => m["title"]!.GetValue<string>().Contains("即将到期", StringComparison.Ordinal));
        Assert.Equal("reminder", reminder["kind"]!.GetValue<string>());
        var body = reminder["body"]!.GetValue<string>();
        foreach (var part in new[] { number, "新生儿出生", "出生登记", "非常不满意", "2026-10-09", "剩余 1 个工作日" })
        {
            Assert.Contains(part, body, StringComparison.Ordinal);
        }
        Assert.Empty(await AboutAsync(factory, "reviewer-xg-health", number));
        Assert.Empty(await AboutAsync(factory, "head-xg-police", number));
        Assert.Equal(new RectificationSweepResult(1, 0, 0, 0), (await SweepAsync(factory)).Rectifications);   // still a candidate for red, nothing sent

        // Monday 10-12 (Saturday 10-10 was a working day): two working days overdue — one 督办 to the head and the supervisor.
        SetDay(factory, new DateOnly(2026, 10, 12));
        Assert.Equal("red", await WarningAsync(factory, id));
        var red = await SweepAsync(factory);
        Assert.Equal(new RectificationSweepResult(1, 0, 1, 0), red.Rectifications);
        Assert.Equal(RectificationSweepResult.None, (await SweepAsync(factory)).Rectifications);
        var head = Assert.Single(await AboutAsync(factory, "head-xg-police", number));
        Assert.Equal("escalation", head["kind"]!.GetValue<string>());
        Assert.Contains("已超期 2 个工作日", head["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("兴国县公安局", head["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"/cases/{caseId}", head["link"]!.GetValue<string>());
        var supervisor = Assert.Single(await AboutAsync(factory, "supervisor", number));
        Assert.Equal("escalation", supervisor["kind"]!.GetValue<string>());
        Assert.Equal($"/supervise/rectifications?id={id}#rectification-detail", supervisor["link"]!.GetValue<string>());
        Assert.Empty(await AboutAsync(factory, "head-xg-health", number));
        Assert.Equal(2, (await AboutAsync(factory, "reviewer-xg-police", number)).Count);

        var alerts = await QueryAsync(factory, db => db.RectificationAlerts.Where(a => a.RectificationId == id).Select(a => a.Kind).ToListAsync());
        Assert.Equal([RectificationAlertKind.Reminder, RectificationAlertKind.Escalation, RectificationAlertKind.FollowUpReminder], alerts.Order());
        Assert.Equal(["supervision.follow-up-reminded", "supervision.rectification-escalated", "supervision.rectification-reminded"], await AuditAsync(factory, id));
    }

    [Fact]
    public async Task Answered_rectifications_are_not_alerted()
    {
        using var factory = new OneGoFactory();
        var (_, number, id) = await BadReviewAsync(factory);
        var police = await ApiClient.ReviewerAsync(factory, "xg-police");
        await police.OkAsync(police.PostAsync($"/api/v1/rectifications/{id}/follow-up", new { method = "phone", summary = "电话联系张三" }));
        await police.OkAsync(police.PostAsync($"/api/v1/rectifications/{id}/result", new { category = "immediate", result = "已张贴一次性告知单" }));
        var replied = await police.OkAsync(police.PostAsync($"/api/v1/rectifications/{id}/reply", new { reply = "感谢您的意见，已整改" }));
        Assert.Null(replied["warning"]);

        SetDay(factory, new DateOnly(2026, 10, 12));
        Assert.Null(await WarningAsync(factory, id));
        var swept = await SweepAsync(factory);
        Assert.Equal(RectificationSweepResult.None, swept.Rectifications);
        Assert.Empty(await AboutAsync(factory, "reviewer-xg-police", number));
        Assert.Empty(await AboutAsync(factory, "supervisor", number));
        Assert.Equal(0, await QueryAsync(factory, db => db.RectificationAlerts.CountAsync()));
    }

    [Fact]
    public async Task Two_nodes_sweeping_the_same_database_at_once_alert_every_rectification_exactly_once()
    {
        using var first = new OneGoFactory();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await BadReviewAsync(first)).Rectification);
        }
        using var second = OneGoFactory.SecondNodeOf(first);
        _ = second.Services;   // start the second node before the race

        // Far past every deadline; both nodes sweep at the same moment, twice.
        var late = new DateOnly(2026, 12, 15);
        SetDay(first, late);
        SetDay(second, late);
        var results = (await Task.WhenAll(SweepAsync(first), SweepAsync(second), SweepAsync(first), SweepAsync(second))).Select(r => r.Rectifications).ToList();
        Assert.Equal(ids.Count, results.Sum(r => r.Escalations));
        Assert.Equal(ids.Count, results.Sum(r => r.FollowUpReminders));
        Assert.Equal(0, results.Sum(r => r.Reminders));

        var alerts = await QueryAsync(first, db => db.RectificationAlerts.Select(a => new { a.RectificationId, a.Kind }).ToListAsync());
        Assert.Equal(ids.SelectMany(id => new[] { id, id }).Order(), alerts.Select(a => a.RectificationId).Order());
        Assert.Equal(ids.Count, alerts.Count(a => a.Kind == RectificationAlertKind.Escalation));
        var supervisor = await QueryAsync(first, async db =>
        {
            var id = await db.Users.Where(u => u.UserName == "supervisor").Select(u => u.Id).SingleAsync();
            return await db.Inbox.CountAsync(m => m.UserId == id && m.Kind == "escalation" && m.Title.Contains("差评整改"));
        });
        Assert.Equal(ids.Count, supervisor);
    }
}
