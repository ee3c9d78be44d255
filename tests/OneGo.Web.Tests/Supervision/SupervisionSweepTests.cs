using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneGo.Domain.Supervision;
using OneGo.Web.Data;
using OneGo.Web.Features.Cases;
using OneGo.Web.Features.Notifications;
using OneGo.Web.Features.Supervision;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Supervision;

/// <summary>
/// Deadlines turn yellow and red on the official calendar; the sweep reminds the department (yellow) and escalates
/// to its head and the supervision office (red) exactly once per task and level — also with two nodes on one
/// database; applicants hear of their cases through the inbox and the outbox. Both databases.
/// </summary>
[Trait("Category", "Database")]
public sealed class SupervisionSweepTests
{
    /// <summary>An accepted newborn case (maternity left out): five running tasks, the police waiting for the certificate.</summary>
    internal static async Task<JsonNode> AcceptedAsync(OneGoFactory factory)
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var id = (await Newborn.SubmitAsync(applicant, maternity: "no"))["id"]!.GetValue<long>();
        await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept", new { }));
        return await clerk.OkAsync(clerk.GetAsync($"/api/v1/cases/{id}"));
    }

    internal static async Task<SweepResult> SweepAsync(OneGoFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<CaseService>();
        return await SupervisionSweep.RunAsync(service.Db, await service.CalendarAsync(CancellationToken.None), service.Warnings, factory.Time.GetUtcNow(), CancellationToken.None);
    }

    internal static async Task<T> QueryAsync<T>(OneGoFactory factory, Func<OneGoDb, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OneGoDb>());
    }

    internal static async Task<JsonArray> InboxAsync(OneGoFactory factory, string user)
    {
        var client = await ApiClient.LoginAsync(factory, user);
        return (await client.OkAsync(client.GetAsync("/api/v1/inbox")))["items"]!.AsArray();
    }

    internal static async Task<OneGo.Domain.Calendar.WorkCalendar> CalendarAsync(OneGoFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseService>().CalendarAsync(CancellationToken.None);
    }

    private static IEnumerable<JsonNode> Running(JsonNode @case) =>
        @case["tasks"]!.AsArray().Where(t => t!["state"]!.GetValue<string>() is "received" or "reviewing").Select(t => t!);

    // Moves the clock to 09:00 (UTC+8) on a day.
    internal static void SetDay(OneGoFactory factory, DateOnly day) =>
        factory.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));

    [Fact]
    public async Task Every_task_shows_its_level_and_the_sweep_reminds_then_escalates_exactly_once()
    {
        using var factory = new OneGoFactory();
        var accepted = await AcceptedAsync(factory);
        var id = accepted["id"]!.GetValue<long>();
        var running = Running(accepted).ToList();
        Assert.NotEmpty(running);
        // On the day of acceptance a task is yellow only if its whole limit is a single working day.
        Assert.All(running, t => Assert.Equal(t["remainingWorkingDays"]!.GetValue<int>() <= 1 ? "yellow" : "normal", t["warning"]!.GetValue<string>()));
        Assert.Contains(running, t => t["warning"]!.GetValue<string>() == "normal");
        Assert.Null(accepted["tasks"]!.AsArray().Single(t => t!["matter"]!.GetValue<string>() == "birth-registration")!["warning"]);

        // The health department's birth certificate: the day before its deadline (a working day) it is yellow.
        var health = running.Single(t => t["matter"]!.GetValue<string>() == "birth-medical-certificate");
        var deadline = DateOnly.Parse(health["deadlineOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var calendar = await CalendarAsync(factory);
        var dayBefore = Enumerable.Range(1, 30).Select(d => deadline.AddDays(-d)).First(calendar.IsWorkingDay);
        SetDay(factory, dayBefore);
        var reviewer = await ApiClient.ReviewerAsync(factory, "xg-health");
        var task = await reviewer.OkAsync(reviewer.GetAsync($"/api/v1/tasks/{health["id"]}"));
        Assert.Equal("yellow", task["task"]!["warning"]!.GetValue<string>());
        Assert.Equal(1, task["task"]!["remainingWorkingDays"]!.GetValue<int>());

        var first = await SweepAsync(factory);
        Assert.True(first.Reminders >= 1, first.ToString());
        var healthId = health["id"]!.GetValue<long>();
        Assert.Equal([WarningLevel.Yellow], await QueryAsync(factory, db => db.SupervisionAlerts.Where(a => a.TaskId == healthId).Select(a => a.Level).ToListAsync()));
        var reminders = (await InboxAsync(factory, "reviewer-xg-health")).Where(m => m!["kind"]!.GetValue<string>() == "reminder").ToList();
        var reminder = Assert.Single(reminders);
        Assert.Contains("出生医学证明", reminder!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"/review/tasks/{health["id"]}", reminder["link"]!.GetValue<string>());
        // Another department's reviewers get nothing for it; a second sweep sends nothing again.
        Assert.DoesNotContain(await InboxAsync(factory, "reviewer-xg-police"), m => m!["title"]!.GetValue<string>().Contains("出生医学证明", StringComparison.Ordinal));
        var again = await SweepAsync(factory);
        Assert.Equal(0, again.Reminders + again.Escalations);

        // Past the deadline: red, escalated to the head of the department and the supervision office — once.
        var dayAfter = Enumerable.Range(1, 30).Select(d => deadline.AddDays(d)).First(calendar.IsWorkingDay);
        SetDay(factory, dayAfter);
        reviewer = await ApiClient.ReviewerAsync(factory, "xg-health");   // days later: a new sign-in
        var overdue = await reviewer.OkAsync(reviewer.GetAsync($"/api/v1/tasks/{health["id"]}"));
        Assert.Equal("red", overdue["task"]!["warning"]!.GetValue<string>());
        var escalated = await SweepAsync(factory);
        Assert.True(escalated.Escalations >= 1, escalated.ToString());
        var quiet = await SweepAsync(factory);
        Assert.Equal(0, quiet.Reminders + quiet.Escalations);
        var headMessage = Assert.Single(await InboxAsync(factory, "head-xg-health"), m => m!["title"]!.GetValue<string>().Contains("出生医学证明", StringComparison.Ordinal));
        Assert.Equal("escalation", headMessage!["kind"]!.GetValue<string>());
        Assert.Equal($"/cases/{id}", headMessage["link"]!.GetValue<string>());
        // The supervision office hears of it once, alone or within the day's one 督办 digest.
        Assert.Single(await InboxAsync(factory, "supervisor"), m => (m!["title"]!.GetValue<string>() + m["body"]!.GetValue<string>()).Contains("出生医学证明", StringComparison.Ordinal));
        Assert.DoesNotContain(await InboxAsync(factory, "head-xg-police"), m => m!["title"]!.GetValue<string>().Contains("出生医学证明", StringComparison.Ordinal));
        var alerts = await QueryAsync(factory, db => db.SupervisionAlerts.Where(a => a.TaskId == healthId).Select(a => a.Level).ToListAsync());
        Assert.Equal([WarningLevel.Yellow, WarningLevel.Red], alerts.Order());
    }

    [Fact]
    public async Task Two_nodes_sweeping_the_same_database_at_once_escalate_every_task_exactly_once()
    {
        using var first = new OneGoFactory();
        var cases = new List<JsonNode>();
        for (var i = 0; i < 4; i++)
        {
            cases.Add(await AcceptedAsync(first));
        }
        var tasks = cases.SelectMany(Running).Select(t => t["id"]!.GetValue<long>()).ToHashSet();
        using var second = OneGoFactory.SecondNodeOf(first);
        _ = second.Services;   // start the second node before the race

        // Far past every deadline; both nodes sweep at the same moment, twice.
        var late = new DateOnly(2026, 12, 15);
        SetDay(first, late);
        SetDay(second, late);
        var results = await Task.WhenAll(SweepAsync(first), SweepAsync(second), SweepAsync(first), SweepAsync(second));
        Assert.Equal(tasks.Count, results.Sum(r => r.Escalations));
        Assert.Equal(0, results.Sum(r => r.Reminders));

        var alerts = await QueryAsync(first, db => db.SupervisionAlerts.Select(a => new { a.TaskId, a.Level }).ToListAsync());
        Assert.Equal(tasks.Order(), alerts.Select(a => a.TaskId).Order());
        Assert.All(alerts, a => Assert.Equal(WarningLevel.Red, a.Level));
        // The supervision office's messages name every task once between them: a digest per batch a node won.
        var supervisor = await QueryAsync(first, async db =>
        {
            var id = await db.Users.Where(u => u.UserName == "supervisor").Select(u => u.Id).SingleAsync();
            return await db.Inbox.Where(m => m.UserId == id && m.Kind == "escalation").ToListAsync();
        });
        Assert.InRange(supervisor.Count, 1, results.Count(r => r.Escalations > 0));
        Assert.Equal(tasks.Count, supervisor.Sum(m => TasksIn(m.Title)));
    }

    /// <summary>How many tasks a 督办 titled <paramref name="title"/> names: one alone, or the count of a digest (“督办：N 件子件已超期”).</summary>
    internal static int TasksIn(string title)
    {
        var match = System.Text.RegularExpressions.Regex.Match(title, @"^督办：(\d+) 件子件已超期$");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
    }

    [Fact]
    public async Task The_applicant_is_told_of_acceptance_in_the_inbox_and_by_SMS_sent_once_through_the_outbox()
    {
        using var factory = new OneGoFactory();
        var accepted = await AcceptedAsync(factory);
        var number = accepted["number"]!.GetValue<string>();
        var inbox = await InboxAsync(factory, "zhangsan");
        var notice = Assert.Single(inbox, m => m!["title"]!.GetValue<string>() == "您的办件已受理");
        Assert.Contains(number, notice!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"/my/{accepted["id"]}", notice["link"]!.GetValue<string>());

        var sms = await QueryAsync(factory, db => db.Outbox.Where(m => m.Channel == Channels.Sms && m.Subject == "您的办件已受理").ToListAsync());
        var message = Assert.Single(sms);
        Assert.Equal("13907970001", message.Recipient);
        Assert.StartsWith(Notifier.SmsSignature, message.Body, StringComparison.Ordinal);
        Assert.Null(message.SentAt);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await OutboxDispatcher.DispatchAsync(scope.ServiceProvider, factory.Time.GetUtcNow(), CancellationToken.None) >= 1);
            Assert.Equal(0, await OutboxDispatcher.DispatchAsync(scope.ServiceProvider, factory.Time.GetUtcNow(), CancellationToken.None));
        }
        var sent = await QueryAsync(factory, db => db.Outbox.SingleAsync(m => m.Id == message.Id));
        Assert.NotNull(sent.SentAt);
        Assert.Equal(1, sent.Attempts);

        // Reading marks it; another user cannot touch it.
        var zhangsan = await ApiClient.LoginAsync(factory, "zhangsan");
        var lisi = await ApiClient.LoginAsync(factory, "lisi");
        Assert.Equal(HttpStatusCode.NotFound, (await lisi.PostAsync($"/api/v1/inbox/{notice["id"]}/read")).Status);
        var read = await zhangsan.OkAsync(zhangsan.PostAsync($"/api/v1/inbox/{notice["id"]}/read"));
        Assert.NotNull(read["readAt"]);
        var page = await zhangsan.OkAsync(zhangsan.GetAsync("/api/v1/inbox"));
        Assert.Equal(inbox.Count(m => m!["readAt"] is null) - 1, page["unread"]!.GetValue<int>());
    }
}
