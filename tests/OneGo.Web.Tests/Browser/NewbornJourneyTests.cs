using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Browser;

/// <summary>
/// 出生“一件事” from the citizen's phone to completion, every step on the pages of the person who does it: the applicant,
/// the window clerk and the reviewers of five departments, each in a browser context of their own.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed class NewbornJourneyTests(BrowserFixture browser)
{
    private const string Health = "xg-health";
    private const string Cdc = "xg-cdc";
    private const string Police = "xg-police";
    private const string MedicalInsurance = "xg-medical-insurance";
    private const string Hrss = "xg-hrss";

    [Fact]
    public async Task Newborn_from_the_phone_through_the_window_and_five_departments_to_completion()
    {
        await using var app = LiveApp.Start();

        // The father applies on his phone: the registers fill what they know, e-licenses and results exempt their papers.
        await using var applicant = await app.LoginAsync(browser.Browser, "zhangsan", phone: true);
        var page = applicant.Page;
        await applicant.GotoInteractiveAsync("/apply/newborn");
        await Pages.FillNewbornAsync(page);
        await Assertions.Expect(page.Locator("[data-field='applicant.name'] input")).ToHaveValueAsync("张三");
        await Assertions.Expect(page.Locator("[data-field='applicant.name'] .og-source")).ToContainTextAsync("自动填写");
        await Assertions.Expect(page.Locator("tr[data-material='marriage-certificate']")).ToContainTextAsync("免提交：已持有有效电子证照《结婚证》");
        await Assertions.Expect(page.Locator("tr[data-material='birth-medical-certificate']")).ToContainTextAsync("办理结果自动获取");
        await Assertions.Expect(page.Locator("tr[data-material='marriage-certificate'] input[type=file]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".og-apply-expected")).ToContainTextAsync("2026年");
        await applicant.ScreenshotAsync("apply-newborn-phone");
        await applicant.ScreenshotAsync("apply-newborn-phone-materials", page.Locator("section[aria-label='材料']"));
        await applicant.ScreenshotAsync("apply-newborn-phone-form", page.Locator("section[aria-label='申请表']"));
        await Pages.AssertEveryInputLabelledAsync(page);
        await Pages.ClickAndNavigateAsync(page, "提交申请", Pages.MyCaseUrl());
        var caseId = long.Parse(Pages.MyCaseUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator(".og-case-state")).ToHaveTextAsync("待受理");

        // The window: the case waits in the queue (name masked on the hall's screen); accepted with two tolerated papers.
        await using var clerk = await app.LoginAsync(browser.Browser, "window");
        await clerk.GotoInteractiveAsync("/window");
        var queued = clerk.Page.Locator($"table.og-queue tr[data-case='{caseId}']");
        await Assertions.Expect(queued).ToContainTextAsync("张*");
        await clerk.ScreenshotAsync("window-queue");
        await queued.GetByRole(AriaRole.Link, new() { Name = "审核受理" }).ClickAsync();
        await Pages.AtAsync(clerk.Page, $"/window/cases/{caseId}");
        await clerk.WaitInteractiveAsync();
        await Assertions.Expect(clerk.Page.Locator("tr[data-material='expense-list']")).ToContainTextAsync("未提交");
        await Pages.AssertEveryInputLabelledAsync(clerk.Page);
        await clerk.Page.GetByRole(AriaRole.Button, new() { Name = "容缺受理", Exact = true }).ClickAsync();
        await Assertions.Expect(clerk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已容缺受理");
        await Assertions.Expect(clerk.Page.Locator(".og-case-state")).ToHaveTextAsync("办理中");

        var api = await ApiClient.LoginAsync(app.Factory, "zhangsan");
        var accepted = await api.OkAsync(api.GetAsync($"/api/v1/cases/{caseId}"));

        // Five departments at once, each on its own page.
        await using var health = await OpenTaskAsync(app, Health, accepted, "birth-medical-certificate");
        await using var cdc = await OpenTaskAsync(app, Cdc, accepted, "vaccination-certificate");
        await using var police = await OpenTaskAsync(app, Police, accepted, "birth-registration");
        await using var insurance = await OpenTaskAsync(app, MedicalInsurance, accepted, "resident-medical-enrolment");
        await using var hrss = await OpenTaskAsync(app, Hrss, accepted, "social-security-card");

        // The police wait for the birth certificate: no action yet, the prerequisite is shown open.
        await Assertions.Expect(Card(police)).ToHaveAttributeAsync("data-state", "Waiting");
        await Assertions.Expect(police.Page.Locator("tr[data-matter='birth-medical-certificate']")).Not.ToHaveAttributeAsync("data-state", "Approved");
        await Assertions.Expect(police.Page.GetByRole(AriaRole.Button, new() { Name = "开始审查", Exact = true })).ToHaveCountAsync(0);
        await police.ScreenshotAsync("review-waiting-prerequisite");

        // Social security pre-reviews at once but cannot decide before the registration result.
        await StartAsync(hrss);
        await Pages.AssertEveryInputLabelledAsync(hrss.Page);
        await hrss.Page.GetByRole(AriaRole.Button, new() { Name = "准予", Exact = true }).ClickAsync();
        await Assertions.Expect(hrss.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("出生登记");

        await ApproveAsync(health, ("certificateNo", "R360732000123"));
        await ApproveAsync(cdc);
        await police.GotoInteractiveAsync(police.Page.Url);
        await Assertions.Expect(police.Page.Locator("tr[data-matter='birth-medical-certificate']")).ToHaveAttributeAsync("data-state", "Approved");
        await ApproveAsync(police, ("childIdNumber", "36073220260920001X"));
        await insurance.GotoInteractiveAsync(insurance.Page.Url);
        await ApproveAsync(insurance);
        await ApproveAsync(hrss);

        // The maternity benefit waits for the tolerated papers.
        await insurance.GotoInteractiveAsync($"/review/tasks/{Newborn.TaskId(accepted, "maternity-medical-benefit")}");
        await StartAsync(insurance);
        await insurance.Page.GetByRole(AriaRole.Button, new() { Name = "准予", Exact = true }).ClickAsync();
        await Assertions.Expect(insurance.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("住院费用清单");

        // The applicant supplies them from the phone.
        await applicant.GotoInteractiveAsync($"/my/{caseId}");
        await Pages.SetFileAsync(page, ".og-supply[data-material='diagnosis-certificate'] input[type=file]", "诊断证明.pdf");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已补交 诊断证明.pdf");
        await Assertions.Expect(page.Locator(".og-supply")).ToHaveCountAsync(1);
        await Pages.SetFileAsync(page, ".og-supply[data-material='expense-list'] input[type=file]", "费用清单.pdf");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已补交 费用清单.pdf");
        await Assertions.Expect(page.Locator(".og-supply")).ToHaveCountAsync(0);

        await insurance.GotoInteractiveAsync(insurance.Page.Url);
        await ApproveAsync(insurance);

        // Done: every matter approved, results listed, the whole story on the timeline.
        await applicant.GotoInteractiveAsync($"/my/{caseId}");
        await Assertions.Expect(page.Locator(".og-case-state")).ToHaveTextAsync("已办结");
        var rows = page.Locator("table[aria-label='各部门办理情况'] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        for (var i = 0; i < 6; i++)
        {
            await Assertions.Expect(rows.Nth(i)).ToHaveAttributeAsync("data-state", "Approved");
        }
        await Assertions.Expect(page.Locator(".og-results")).ToContainTextAsync("36073220260920001X");
        await Assertions.Expect(page.Locator(".og-timeline")).ToContainTextAsync("全部 6 个事项准予，办结");
        await applicant.ScreenshotAsync("my-case-completed-phone");
        await applicant.ScreenshotAsync("my-case-completed-phone-matters", page.Locator("section[aria-label='各部门办理情况']"));

        // The completion notice, printable from the case page, lists every result.
        await page.GotoAsync($"/print/completion/{caseId}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("办结通知书");
        await Assertions.Expect(page.Locator(".og-doc-results tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator(".og-doc-results")).ToContainTextAsync("childIdNumber：36073220260920001X");

        await applicant.Page.GotoAsync("/my");
        await Assertions.Expect(page.Locator($".og-case-item[data-case='{caseId}']")).ToContainTextAsync("已办结");
    }

    private static ILocator Card(UserSession session) => session.Page.Locator("section.og-task");

    private async Task<UserSession> OpenTaskAsync(LiveApp app, string department, JsonNode @case, string matter)
    {
        var session = await app.LoginAsync(browser.Browser, "reviewer-" + department);
        var task = Newborn.TaskId(@case, matter);
        await Assertions.Expect(session.Page.Locator($"table.og-inbox tr[data-task='{task}']")).ToHaveCountAsync(1);
        await session.GotoInteractiveAsync($"/review/tasks/{task}");
        return session;
    }

    private static async Task StartAsync(UserSession reviewer)
    {
        await reviewer.Page.GetByRole(AriaRole.Button, new() { Name = "开始审查", Exact = true }).ClickAsync();
        await Assertions.Expect(Card(reviewer)).ToHaveAttributeAsync("data-state", "Reviewing");
    }

    private static async Task ApproveAsync(UserSession reviewer, params (string Key, string Value)[] result)
    {
        if (await reviewer.Page.GetByRole(AriaRole.Button, new() { Name = "开始审查", Exact = true }).CountAsync() > 0)
        {
            await StartAsync(reviewer);
        }
        for (var i = 0; i < result.Length; i++)
        {
            if (i > 0)
            {
                await reviewer.Page.GetByRole(AriaRole.Button, new() { Name = "添加结果项" }).ClickAsync();
            }
            await reviewer.Page.GetByLabel($"结果项 {i + 1} 名称").FillAsync(result[i].Key);
            await reviewer.Page.GetByLabel($"结果项 {i + 1} 内容").FillAsync(result[i].Value);
        }
        await reviewer.Page.GetByRole(AriaRole.Button, new() { Name = "准予", Exact = true }).ClickAsync();
        await Assertions.Expect(Card(reviewer)).ToHaveAttributeAsync("data-state", "Approved");
    }
}
