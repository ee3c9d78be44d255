using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Browser;

/// <summary>
/// The staff pages in Chromium: the department inbox and task page (decisions, conflicts, scoping), the
/// supervisor's case search and case page, and the catalog administration page.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed partial class StaffPageTests(BrowserFixture browser)
{
    private const string Cdc = "xg-cdc";
    private const string Vaccination = "vaccination-certificate";

    /// <summary>张三's newborn application, submitted and accepted at the window (one task per department).</summary>
    private static async Task<JsonNode> AcceptedNewbornAsync(LiveApp app)
    {
        var applicant = await ApiClient.LoginAsync(app.Factory, "zhangsan");
        var submitted = await Newborn.SubmitAsync(applicant);
        var clerk = await ApiClient.LoginAsync(app.Factory, "window");
        return await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{submitted["id"]!.GetValue<long>()}/accept", new { }));
    }

    private static ILocator TaskCard(IPage page) => page.Locator("section.og-task");

    [Fact]
    public async Task Reviewer_sees_only_their_department_approves_with_result_data_and_a_stale_session_gets_the_conflict_message()
    {
        await using var app = LiveApp.Start();
        var accepted = await AcceptedNewbornAsync(app);
        var number = accepted["number"]!.GetValue<string>();
        var caseId = accepted["id"]!.GetValue<long>();
        var task = Newborn.TaskId(accepted, Vaccination);
        var healthTask = Newborn.TaskId(accepted, "birth-medical-certificate");

        await using var a = await app.LoginAsync(browser.Browser, "reviewer-" + Cdc);
        await a.GotoInteractiveAsync("/review");
        var row = a.Page.Locator($"table.og-inbox tr[data-task='{task}']");
        await Assertions.Expect(row).ToContainTextAsync(number);
        await Assertions.Expect(row).ToContainTextAsync("张*");
        await Assertions.Expect(row).Not.ToContainTextAsync("张三");
        await Assertions.Expect(a.Page.Locator("table.og-inbox tbody tr[data-task]")).ToHaveCountAsync(1);
        await Assertions.Expect(a.Page.Locator($"tr[data-task='{healthTask}']")).ToHaveCountAsync(0);
        await a.ScreenshotAsync("review-inbox");
        await Pages.AssertEveryInputLabelledAsync(a.Page);

        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Pages.AtAsync(a.Page, $"/review/tasks/{task}");
        await a.WaitInteractiveAsync();
        await Assertions.Expect(TaskCard(a.Page)).ToHaveAttributeAsync("data-state", "Received");

        // A second session of the same department opens the task before the first decides.
        await using var b = await app.LoginAsync(browser.Browser, "reviewer-" + Cdc);
        await b.GotoInteractiveAsync($"/review/tasks/{task}");
        await Assertions.Expect(b.Page.GetByRole(AriaRole.Button, new() { Name = "不予许可", Exact = true })).ToBeVisibleAsync();

        await a.Page.GetByRole(AriaRole.Button, new() { Name = "开始审查", Exact = true }).ClickAsync();
        await Assertions.Expect(a.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已开始审查");
        await Assertions.Expect(TaskCard(a.Page)).ToHaveAttributeAsync("data-state", "Reviewing");
        await Assertions.Expect(a.Page.GetByRole(AriaRole.Button, new() { Name = "开始审查", Exact = true })).ToHaveCountAsync(0);
        await a.Page.GetByLabel("结果项 1 名称").FillAsync("certificateNo");
        await a.Page.GetByLabel("结果项 1 内容").FillAsync("YF360732000456");
        await a.ScreenshotAsync("review-task");
        await Pages.AssertEveryInputLabelledAsync(a.Page);
        await a.Page.GetByRole(AriaRole.Button, new() { Name = "准予", Exact = true }).ClickAsync();
        await Assertions.Expect(a.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已准予");
        await Assertions.Expect(TaskCard(a.Page)).ToHaveAttributeAsync("data-state", "Approved");
        await Assertions.Expect(a.Page.Locator(".og-result-data")).ToContainTextAsync("certificateNo：YF360732000456");
        await Assertions.Expect(a.Page.GetByRole(AriaRole.Button, new() { Name = "准予", Exact = true })).ToHaveCountAsync(0);

        // The stale session tries to deny: it gets the API's conflict message and the task as it is now.
        await b.Page.GetByLabel("不予许可的理由和依据").FillAsync("出生医学记录与接种记录不符");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "不予许可", Exact = true }).ClickAsync();
        var alert = b.Page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("已由");
        var reviewer = await ApiClient.ReviewerAsync(app.Factory, Cdc);
        var (status, problem) = await reviewer.PostAsync($"/api/v1/tasks/{task}/deny", new { reason = "出生医学记录与接种记录不符" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        await Assertions.Expect(alert).ToHaveTextAsync(problem!["detail"]!.GetValue<string>());
        await Assertions.Expect(alert).ToHaveAttributeAsync("data-status", "409");
        await Assertions.Expect(TaskCard(b.Page)).ToHaveAttributeAsync("data-state", "Approved");
        await Assertions.Expect(b.Page.GetByRole(AriaRole.Button, new() { Name = "不予许可", Exact = true })).ToHaveCountAsync(0);
        await b.ScreenshotAsync("review-task-conflict");

        // Decided tasks leave the inbox's default view and are found by their state.
        await b.GotoInteractiveAsync("/review");
        await Assertions.Expect(b.Page.Locator("table.og-inbox tbody")).ToContainTextAsync("没有符合条件的子件");
        await b.Page.Locator(".og-field", new() { Has = b.Page.GetByLabel("子件状态") }).Locator(".ant-select-selector").ClickAsync();
        await b.Page.Locator(".ant-select-item-option", new() { HasTextString = "准予" }).ClickAsync();
        await Assertions.Expect(b.Page.Locator($"table.og-inbox tr[data-task='{task}']")).ToHaveAttributeAsync("data-state", "Approved");

        await a.Page.GetByRole(AriaRole.Link, new() { Name = "查看整个办件" }).ClickAsync();
        await Pages.AtAsync(a.Page, $"/cases/{caseId}");
        await a.WaitInteractiveAsync();
        var taskRow = a.Page.Locator($"tr[data-task='{task}']");
        await Assertions.Expect(taskRow).ToHaveAttributeAsync("data-state", "Approved");
        await Assertions.Expect(taskRow.Locator(".og-state")).ToHaveTextAsync("准予");
        await Assertions.Expect(a.Page.Locator(".og-timeline")).ToContainTextAsync("准予");
        await a.ScreenshotAsync("case");
    }

    [Fact]
    public async Task Reviewer_of_another_department_opening_a_task_url_sees_not_found_and_no_applicant_data()
    {
        await using var app = LiveApp.Start();
        var accepted = await AcceptedNewbornAsync(app);
        var task = Newborn.TaskId(accepted, Vaccination);

        await using var police = await app.LoginAsync(browser.Browser, "reviewer-xg-police");
        await police.GotoInteractiveAsync($"/review/tasks/{task}");
        var alert = police.Page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("没有这个子件");
        await Assertions.Expect(alert).ToHaveAttributeAsync("data-status", "404");
        await Assertions.Expect(TaskCard(police.Page)).ToHaveCountAsync(0);
        var main = police.Page.Locator("main");
        await Assertions.Expect(main).Not.ToContainTextAsync("张三");
        await Assertions.Expect(main).Not.ToContainTextAsync("张小明");
        await Assertions.Expect(main).Not.ToContainTextAsync(accepted["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Supervisor_finds_a_case_by_number_with_masked_applicant_and_opens_its_timeline()
    {
        await using var app = LiveApp.Start();
        var accepted = await AcceptedNewbornAsync(app);
        var other = await AcceptedNewbornAsync(app);
        var number = accepted["number"]!.GetValue<string>();
        var caseId = accepted["id"]!.GetValue<long>();

        await using var supervisor = await app.LoginAsync(browser.Browser, "supervisor");
        await supervisor.GotoInteractiveAsync("/supervise");
        var page = supervisor.Page;
        await Assertions.Expect(page.Locator("table.og-cases tbody tr[data-case]")).ToHaveCountAsync(2);
        await page.GetByLabel("办件编号").FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("table.og-cases tbody tr[data-case]")).ToHaveCountAsync(1);
        var row = page.Locator($"table.og-cases tr[data-case='{caseId}']");
        await Assertions.Expect(row).ToContainTextAsync("张*");
        await Assertions.Expect(row).Not.ToContainTextAsync("张三");
        await Assertions.Expect(row).ToContainTextAsync(MaskedIdNumber());
        await Assertions.Expect(page.Locator($"tr[data-case='{other["id"]!.GetValue<long>()}']")).ToHaveCountAsync(0);
        await supervisor.ScreenshotAsync("supervise");
        await Pages.AssertEveryInputLabelledAsync(supervisor.Page);

        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Pages.AtAsync(page, $"/cases/{caseId}");
        await supervisor.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator(".og-case-number")).ToHaveTextAsync(number);
        var timeline = page.GetByRole(AriaRole.List, new() { Name = "办件进程" });
        await Assertions.Expect(timeline).ToContainTextAsync("受理");
        await Assertions.Expect(timeline.Locator("li")).Not.ToHaveCountAsync(0);
        // Supervisors reach every department's task page from the case.
        await Assertions.Expect(page.Locator($"tr[data-task='{Newborn.TaskId(accepted, Vaccination)}'] a")).ToHaveAttributeAsync("href", $"/review/tasks/{Newborn.TaskId(accepted, Vaccination)}");

        // Each opening of the case is one audited view of its personal data: the link (rendered by the live page)
        // and a reload (prerendered, then live) alike.
        Assert.Equal(1, await ViewsAuditedAsync(app, number));
        await page.ReloadAsync();
        await supervisor.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator(".og-case-number")).ToHaveTextAsync(number);
        Assert.Equal(2, await ViewsAuditedAsync(app, number));
    }

    [Fact]
    public async Task Supervisor_pages_through_more_cases_than_fit_on_one_page()
    {
        await using var app = LiveApp.Start();
        var applicant = await ApiClient.LoginAsync(app.Factory, "zhangsan");
        var ids = new List<long>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add((await Newborn.SubmitAsync(applicant))["id"]!.GetValue<long>());
        }

        await using var supervisor = await app.LoginAsync(browser.Browser, "supervisor");
        await supervisor.GotoInteractiveAsync("/supervise");
        var page = supervisor.Page;
        var rows = page.Locator("table.og-cases tbody tr[data-case]");
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "翻页" });
        var previous = pager.GetByRole(AriaRole.Button, new() { Name = "上一页" });
        var next = pager.GetByRole(AriaRole.Button, new() { Name = "下一页" });

        // Newest first, twenty to a page: the first page holds all but the first case filed.
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("共 21 件，第 1 / 2 页");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-case", ids[^1].ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator($"tr[data-case='{ids[0]}']")).ToHaveCountAsync(0);
        await Assertions.Expect(previous).ToBeDisabledAsync();

        await next.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("第 2 / 2 页");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-case", ids[0].ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(next).ToBeDisabledAsync();

        await previous.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("第 1 / 2 页");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await Assertions.Expect(previous).ToBeDisabledAsync();
    }

    private static async Task<int> ViewsAuditedAsync(LiveApp app, string number)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.OneGoDb>();
        await Features.Audit.AuditLog.SealAllAsync(db);
        return await db.Audit.CountAsync(a => a.Action == "case.view-personal-data" && a.Target == $"case:{number}");
    }

    [Fact]
    public async Task Admin_sees_catalog_lint_results_and_publishing_an_unchanged_catalog_says_nothing_changed()
    {
        await using var app = LiveApp.Start();
        await using var admin = await app.LoginAsync(browser.Browser, "admin");
        await admin.GotoInteractiveAsync("/admin/catalog");
        var page = admin.Page;

        await Assertions.Expect(page.Locator(".og-lint-summary")).ToContainTextAsync("0 个错误");
        var warning = page.Locator("tr[data-severity='Warning']").First;
        await Assertions.Expect(warning).ToContainTextAsync("警告");
        await Assertions.Expect(warning.Locator("td").Nth(1)).ToHaveTextAsync(LintLocation());
        await Assertions.Expect(page.Locator("tr[data-version='1']")).ToContainTextAsync("第 1 版");
        await Assertions.Expect(page.Locator(".og-counts")).ToContainTextAsync("一件事");
        await page.Locator("details[data-bundle='newborn'] summary").ClickAsync();
        await Assertions.Expect(page.Locator("details[data-bundle='newborn'] tr[data-matter='birth-registration']")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("admin-catalog");
        await Pages.AssertEveryInputLabelledAsync(admin.Page);

        await page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("无需发布");
        await Assertions.Expect(page.Locator("table.og-versions tbody tr")).ToHaveCountAsync(1);
    }

    /// <summary>张三's ID number as staff see it in lists: first and last four characters.</summary>
    private static string MaskedIdNumber() => OneGo.Web.Data.DemoSeed.ZhangSan[..4] + new string('*', OneGo.Web.Data.DemoSeed.ZhangSan.Length - 8) + OneGo.Web.Data.DemoSeed.ZhangSan[^4..];

    [GeneratedRegex(@"^[\w./-]+\.yaml:\d+$")]
    private static partial Regex LintLocation();
}
