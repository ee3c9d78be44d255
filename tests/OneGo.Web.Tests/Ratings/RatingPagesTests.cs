using Microsoft.Playwright;
using OneGo.Web.Tests.Api;
using OneGo.Web.Tests.Browser;

namespace OneGo.Web.Tests.Ratings;

/// <summary>好差评 in the browser: the applicant rates a matter badly on 我的办件, the department follows up on 差评整改, the supervision office sees it.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed class RatingPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_bad_review_given_on_the_case_page_reaches_the_departments_rectification_page()
    {
        await using var app = LiveApp.Start();
        var done = await Newborn.CompletedAsync(app.Factory);
        var id = done["id"]!.GetValue<long>();

        await using var applicant = await app.LoginAsync(browser.Browser, "zhangsan", phone: true);
        await applicant.GotoInteractiveAsync($"/my/{id}");
        var page = applicant.Page;
        var panel = page.Locator("section.og-rating");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-can-rate", "true");
        await Pages.AssertEveryInputLabelledAsync(page);
        await panel.GetByLabel("评价对象").SelectOptionAsync(new SelectOptionValue { Label = "出生登记（兴国县公安局）" });
        await panel.Locator("fieldset").Filter(new() { HasText = "总体评价" }).GetByLabel("非常不满意", new() { Exact = true }).CheckAsync();
        foreach (var indicator in await panel.Locator("fieldset[data-indicator]").AllAsync())
        {
            await indicator.GetByLabel("不满意", new() { Exact = true }).CheckAsync();
        }
        await panel.GetByLabel("评价内容（差评请写明原因，最多 500 字）").FillAsync("上户口跑了两趟");
        await panel.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("差评已转责任部门回访整改");
        await Assertions.Expect(panel.Locator(".og-rating-given[data-level='VeryDissatisfied']")).ToContainTextAsync("出生登记");
        await applicant.ScreenshotAsync("rating-phone");

        await using var police = await app.LoginAsync(browser.Browser, "reviewer-xg-police");
        await police.GotoInteractiveAsync("/review/rectifications");
        var row = police.Page.Locator("tr[data-rectification]").Filter(new() { HasText = "张*" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("待回访");
        await row.GetByRole(AriaRole.Button, new() { Name = "处理" }).ClickAsync();
        var detail = police.Page.Locator("section.og-rectification");
        await Assertions.Expect(detail).ToContainTextAsync("上户口跑了两趟");
        await Pages.AssertEveryInputLabelledAsync(police.Page);
        await detail.GetByLabel("回访情况").FillAsync("电话联系评价人，了解情况");
        await detail.GetByRole(AriaRole.Button, new() { Name = "登记回访" }).ClickAsync();
        await Assertions.Expect(police.Page.Locator(".og-workspace > .og-alert[role=status]")).ToContainTextAsync("已登记回访");
        await Assertions.Expect(detail).ToHaveAttributeAsync("data-state", "FollowedUp");
        await police.ScreenshotAsync("rectification-department");

        var rectification = await detail.GetAttributeAsync("data-rectification");

        await using var supervisor = await app.LoginAsync(browser.Browser, "supervisor");
        await supervisor.GotoInteractiveAsync("/supervise/rectifications");
        await Assertions.Expect(supervisor.Page.Locator("tr[data-rectification]").Filter(new() { HasText = "兴国县公安局" })).ToContainTextAsync("待整改");
        await Assertions.Expect(supervisor.Page.Locator("section.og-rectification")).ToHaveCountAsync(0);
        await Pages.AssertEveryInputLabelledAsync(supervisor.Page);
        // A 督办 links to the one rectification: it is open on arrival.
        await supervisor.GotoInteractiveAsync($"/supervise/rectifications?id={rectification}");
        await Assertions.Expect(supervisor.Page.Locator($"section.og-rectification[data-rectification='{rectification}']")).ToContainTextAsync("上户口跑了两趟");
    }
}
