using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneGo.Web.Data;

namespace OneGo.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed partial class WindowFilingTests(BrowserFixture browser)
{
    [GeneratedRegex(@"/window/cases/(\d+)$")]
    private static partial Regex WindowCaseUrl();

    [Fact]
    public async Task The_clerk_files_for_a_walk_in_applicant_found_by_ID_number_and_accepts_at_once()
    {
        await using var app = LiveApp.Start();
        await using var clerk = await app.LoginAsync(browser.Browser, "window");
        var page = clerk.Page;

        await clerk.GotoInteractiveAsync("/window");
        await page.GetByLabel("一件事").SelectOptionAsync("newborn");
        await page.GetByRole(AriaRole.Link, new() { Name = "开始收件" }).ClickAsync();
        await Pages.AtAsync(page, "/apply/newborn");
        await clerk.WaitInteractiveAsync();

        // A wrong check digit is refused by name; the right number finds the person in the population register.
        var id = page.GetByLabel("申请人公民身份号码");
        await id.FillAsync(DemoSeed.ZhangSan[..17] + (DemoSeed.ZhangSan[17] == '0' ? "1" : "0"));
        await id.BlurAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("公民身份号码");
        await id.FillAsync(DemoSeed.ZhangSan);
        await id.BlurAsync();
        await Assertions.Expect(page.Locator(".og-applicant-found")).ToContainTextAsync("张三");
        await page.GetByLabel("授权委托（委托书编号或说明）").FillAsync("本人到窗口办理");

        // The registers fill what they know, and a held e-license exempts its paper.
        await Pages.FillNewbornAsync(page);
        await Assertions.Expect(page.Locator("[data-field='applicant.name'] .og-source")).ToContainTextAsync("自动填写");
        await Assertions.Expect(page.Locator("tr[data-material='marriage-certificate']")).ToContainTextAsync("免提交");
        await clerk.ScreenshotAsync("window-filing");
        await Pages.ClickAndNavigateAsync(page, "提交申请", WindowCaseUrl());

        await clerk.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator(".og-case-state")).ToHaveTextAsync("待受理");
        await Assertions.Expect(page.Locator(".og-facts").First).ToContainTextAsync("窗口申请");
        await page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".og-case-state")).ToHaveTextAsync("办理中");
        await Assertions.Expect(page.Locator("table[aria-label='各部门办理情况'] tbody tr")).ToHaveCountAsync(6);

        // Later, the clerk finds the case again by its number.
        var number = await page.Locator(".og-case-number").InnerTextAsync();
        await clerk.GotoInteractiveAsync("/window");
        await page.GetByLabel("办件编号").FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await Pages.AtAsync(page, WindowCaseUrl());
        await clerk.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator(".og-case-number")).ToHaveTextAsync(number);

        // The applicant sees the case filed for him in 我的办件.
        await using var applicant = await app.LoginAsync(browser.Browser, "zhangsan");
        await Assertions.Expect(applicant.Page.Locator(".og-case-item")).ToHaveCountAsync(1);
        await Assertions.Expect(applicant.Page.Locator(".og-case-item")).ToContainTextAsync("办理中");
    }

    [Fact]
    public async Task An_assistant_cannot_file_without_the_applicants_authorisation()
    {
        await using var app = LiveApp.Start();
        await using var assistant = await app.LoginAsync(browser.Browser, "assistant");
        var page = assistant.Page;
        await assistant.GotoInteractiveAsync("/apply/newborn");
        var id = page.GetByLabel("申请人公民身份号码");
        await id.FillAsync(DemoSeed.ZhangSan);
        await id.BlurAsync();
        await Pages.FillNewbornAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(page.Locator(".og-workspace > [role=alert]")).ToContainTextAsync("授权委托");
        Assert.EndsWith("/apply/newborn", page.Url, StringComparison.Ordinal);
    }
}
