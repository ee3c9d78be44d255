using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneGo.Web.Tests.Api;
using OneGo.Web.Tests.Browser;

namespace OneGo.Web.Tests.Dashboards;

/// <summary>The dashboard page in Chromium: a head's month narrowed to the department, the charts drawn, and drill-down to the overdue case's timeline.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed class DashboardPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_head_sees_the_month_of_the_department_with_charts_and_drills_down_to_the_overdue_case()
    {
        await using var app = LiveApp.Start();
        // Accepted on 2026-09-24 and left open (promised by 10-09) …
        var applicant = await ApiClient.LoginAsync(app.Factory, "zhangsan");
        var submitted = await Newborn.SubmitAsync(applicant);
        var clerk = await ApiClient.LoginAsync(app.Factory, "window");
        var open = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{submitted["id"]}/accept", new { }));
        var number = open["number"]!.GetValue<string>();
        // … then on 2026-10-20 two cases are completed the same day.
        app.Factory.Time.SetUtcNow(new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero));
        await Newborn.CompletedAsync(app.Factory);
        await Newborn.CompletedAsync(app.Factory);

        await using var head = await app.LoginAsync(browser.Browser, "head-xg-health");
        // The head's home after signing in is the dashboard, and the navigation names it.
        await Pages.AtAsync(head.Page, "/dashboard");
        await head.WaitInteractiveAsync();
        var page = head.Page;
        await Assertions.Expect(page.Locator("nav.og-nav").GetByRole(AriaRole.Link, new() { Name = "效能看板" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-basis]")).ToContainTextAsync("本月（2026-10-01 至 2026-10-20）");
        await Assertions.Expect(page.Locator("[data-basis]")).ToHaveAttributeAsync("data-basis", "tasks");
        await Assertions.Expect(page.Locator(".og-dash-card[data-figure='received'] .og-dash-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator(".og-dash-card[data-figure='completed'] .og-dash-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator(".og-dash-card[data-figure='overdue'] .og-dash-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator(".og-dash-card[data-figure='按时办结率'] .og-dash-value")).ToHaveTextAsync("100.0%");
        // The head's department only, and both charts drawn by ECharts.
        await Assertions.Expect(page.Locator("table[aria-label='按部门'] tbody tr[data-code]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table[aria-label='按部门'] tbody tr[data-code='xg-health']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-chart='trend']")).ToHaveAttributeAsync("data-rendered", "true");
        await Assertions.Expect(page.Locator("[data-chart='departments']")).ToHaveAttributeAsync("data-rendered", "true");
        await Assertions.Expect(page.Locator("[data-chart='trend'] canvas")).ToHaveCountAsync(1);
        await head.ScreenshotAsync("dashboard-head");

        // Drill down from the overdue figure to the case and its timeline.
        await page.Locator(".og-dash-card[data-figure='overdue'] button").ClickAsync();
        var drill = page.Locator("section[data-drill='overdue']");
        await Assertions.Expect(drill).ToContainTextAsync("共 1 件");
        await Assertions.Expect(drill).ToContainTextAsync("张*");
        await drill.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Pages.AtAsync(page, new Regex(@"/cases/\d+$"));
        await head.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator("#timeline-title")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("受理，承诺 2026-10-09 前办结")).ToBeVisibleAsync();

        // The supervisor sees every department; today's figures after switching the period.
        await using var supervisor = await app.LoginAsync(browser.Browser, "supervisor");
        await supervisor.GotoInteractiveAsync("/dashboard");
        await Assertions.Expect(supervisor.Page.Locator("[data-basis]")).ToHaveAttributeAsync("data-basis", "cases");
        await Assertions.Expect(supervisor.Page.Locator("table[aria-label='按部门'] tbody tr[data-code]")).Not.ToHaveCountAsync(1);
        await supervisor.Page.Locator("button[data-period='today']").ClickAsync();
        await Assertions.Expect(supervisor.Page.Locator("[data-basis]")).ToContainTextAsync("今日（2026-10-20）");
        await Assertions.Expect(supervisor.Page.Locator(".og-dash-card[data-figure='completed'] .og-dash-value")).ToHaveTextAsync("2");
        await Assertions.Expect(supervisor.Page.Locator("[data-chart='departments']")).ToHaveAttributeAsync("data-rendered", "true");
        await supervisor.ScreenshotAsync("dashboard-supervisor");

        // 改革成效: the catalog's before → after and the month's two closed cases.
        await supervisor.Page.GetByRole(AriaRole.Link, new() { Name = "改革成效 →" }).ClickAsync();
        await Pages.AtAsync(supervisor.Page, "/reform");
        await supervisor.WaitInteractiveAsync();
        var newborn = supervisor.Page.Locator("table[aria-label='改革成效'] tr[data-code='newborn']");
        await Assertions.Expect(newborn).ToContainTextAsync("52 → 22");
        await Assertions.Expect(supervisor.Page.Locator("[role='status']")).ToContainTextAsync("办结 2 件");
        await supervisor.ScreenshotAsync("reform");
    }
}
