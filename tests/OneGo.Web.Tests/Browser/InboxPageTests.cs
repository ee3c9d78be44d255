using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneGo.Web.Features.Cases;
using OneGo.Web.Features.Supervision;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed class InboxPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_supervision_office_finds_the_escalations_in_its_inbox_and_the_applicant_the_acceptance_notice()
    {
        await using var app = LiveApp.Start();
        var applicantApi = await ApiClient.LoginAsync(app.Factory, "zhangsan");
        var clerkApi = await ApiClient.LoginAsync(app.Factory, "window");
        var id = (await Newborn.SubmitAsync(applicantApi, maternity: "no"))["id"]!.GetValue<long>();
        await clerkApi.OkAsync(clerkApi.PostAsync($"/api/v1/cases/{id}/accept", new { }));

        // Weeks later every running task is overdue; the sweep escalates each one.
        app.Factory.Time.SetUtcNow(new DateTimeOffset(2026, 12, 15, 1, 0, 0, TimeSpan.Zero));
        SweepResult swept;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<CaseService>();
            swept = await SupervisionSweep.RunAsync(service.Db, await service.CalendarAsync(CancellationToken.None), service.Warnings, app.Factory.Time.GetUtcNow(), CancellationToken.None);
            Assert.True(swept.Escalations >= 3, swept.ToString());
        }

        await using var supervisor = await app.LoginAsync(browser.Browser, "supervisor");
        var page = supervisor.Page;
        await Assertions.Expect(page.Locator(".og-inbox-link .og-badge")).ToBeVisibleAsync();
        await supervisor.GotoInteractiveAsync("/inbox");
        var escalations = page.Locator("li.og-message[data-kind='escalation']");
        await Assertions.Expect(escalations.First).ToContainTextAsync("督办");
        await Assertions.Expect(escalations.First).ToContainTextAsync("已超期");
        // Overnight's escalations are one 督办 naming them all.
        await Assertions.Expect(escalations).ToHaveCountAsync(1);
        await Assertions.Expect(escalations.First).ToContainTextAsync($"督办：{swept.Escalations} 件子件已超期");
        await Assertions.Expect(page.Locator("li.og-message.og-unread").First).ToBeVisibleAsync();
        await supervisor.ScreenshotAsync("inbox-supervisor");
        await page.GetByRole(AriaRole.Button, new() { Name = "全部标为已读" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已全部标为已读");
        await Assertions.Expect(page.Locator("li.og-message.og-unread")).ToHaveCountAsync(0);
        await supervisor.GotoInteractiveAsync("/inbox");
        await Assertions.Expect(page.Locator(".og-inbox-link .og-badge")).ToHaveCountAsync(0);

        // The 超期督办 list: every escalated task, red, with when it was escalated, and the count per department.
        await page.GetByRole(AriaRole.Link, new() { Name = "超期督办" }).ClickAsync();
        await Pages.AtAsync(page, "/supervise/overdue");
        await supervisor.WaitInteractiveAsync();
        var rows = page.Locator("table.og-overdue tbody tr[data-task]");
        await Assertions.Expect(rows).ToHaveCountAsync(swept.Escalations);
        await Assertions.Expect(rows.First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("og-level-red"));
        await Assertions.Expect(rows.First).ToContainTextAsync("超期");
        await Assertions.Expect(rows.First).ToContainTextAsync("已发");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"已超期 共 {swept.Escalations} 件");
        var byDepartment = page.Locator("table.og-overdue-departments tbody tr");
        Assert.Equal(swept.Escalations, (await byDepartment.Locator("td:nth-child(2)").AllInnerTextsAsync()).Sum(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)));
        await Pages.AssertEveryInputLabelledAsync(page);
        await supervisor.ScreenshotAsync("overdue-supervisor");
        // One department's: the list narrows to its rows.
        var first = byDepartment.First;
        var count = int.Parse(await first.Locator("td:nth-child(2)").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await first.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(count);

        // The applicant, on his phone, was told of the acceptance; "去处理" opens the case.
        await using var applicant = await app.LoginAsync(browser.Browser, "zhangsan", phone: true);
        await applicant.GotoInteractiveAsync("/inbox");
        var notice = applicant.Page.Locator("li.og-message[data-kind='case']").Filter(new() { HasText = "您的办件已受理" });
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        await applicant.ScreenshotAsync("inbox-applicant-phone");
        var unread = await UnreadAboutAsync(app, id);
        Assert.True(unread > 0);
        await notice.GetByRole(AriaRole.Link, new() { Name = "去处理" }).ClickAsync();
        await Pages.AtAsync(applicant.Page, $"/my/{id}");
        await applicant.WaitInteractiveAsync();

        // The click also marked the notice read, finishing after the inbox page was gone: the case page lives on.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await UnreadAboutAsync(app, id) == unread && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(unread - 1, await UnreadAboutAsync(app, id));
        await Assertions.Expect(applicant.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Empty(applicant.CircuitErrors);
    }

    private static async Task<int> UnreadAboutAsync(LiveApp app, long caseId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneGo.Web.Data.OneGoDb>();
        return await db.Inbox.AsNoTracking().CountAsync(i => i.Link == $"/my/{caseId}" && i.ReadAt == null);
    }
}
