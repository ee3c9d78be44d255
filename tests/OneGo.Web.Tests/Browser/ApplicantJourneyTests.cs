using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed class ApplicantJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_correction_loop_clerk_asks_once_applicant_fixes_clerk_accepts()
    {
        await using var app = LiveApp.Start();
        await using var applicant = await app.LoginAsync(browser.Browser, "zhangsan", phone: true);
        var page = applicant.Page;

        await applicant.GotoInteractiveAsync("/apply/newborn");
        await Pages.FillNewbornAsync(page);
        await Pages.ClickAndNavigateAsync(page, "提交申请", Pages.MyCaseUrl());
        var caseId = Pages.MyCaseUrl().Match(page.Url).Groups[1].Value;

        // The window finds an unreadable scan and the wrong invoices, and asks for everything at once.
        await using var clerk = await app.LoginAsync(browser.Browser, "window");
        await clerk.GotoInteractiveAsync($"/window/cases/{caseId}");
        await Assertions.Expect(clerk.Page.Locator("tr[data-material='birth-medical-record']")).ToContainTextAsync("birth-medical-record.pdf");
        await clerk.ScreenshotAsync("window-check");
        var items = clerk.Page.GetByLabel("需要补正的全部内容（每行一项）");
        await items.FillAsync("出生医学证明签发页须清晰可辨，请重新扫描上传\n医疗费用发票须为原件扫描件");
        await clerk.Page.GetByRole(AriaRole.Button, new() { Name = "出具一次性告知书" }).ClickAsync();
        await Assertions.Expect(clerk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已出具一次性告知书");
        await clerk.Page.GotoAsync($"/print/notice/{caseId}");
        await Assertions.Expect(clerk.Page.Locator("h1")).ToContainTextAsync("一次性告知书");
        await Assertions.Expect(clerk.Page.Locator(".og-doc-items li")).ToHaveCountAsync(2);
        await clerk.ScreenshotAsync("window-correction-notice");

        // The applicant sees the list on the phone, fixes the application and resubmits.
        await applicant.GotoInteractiveAsync($"/my/{caseId}");
        await Assertions.Expect(page.Locator(".og-todo")).ToContainTextAsync("出生医学证明签发页须清晰可辨");
        await applicant.ScreenshotAsync("my-case-correction-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "去补正" }).ClickAsync();
        await Pages.AtAsync(page, $"/apply/newborn?case={caseId}");
        await applicant.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator(".og-corrections")).ToContainTextAsync("请重新扫描上传");
        await Pages.UploadAsync(page, "[data-material='birth-medical-record']", "birth-medical-record-clear.pdf");
        await Pages.ClickAndNavigateAsync(page, "补正后重新提交", Pages.MyCaseUrl());
        await Assertions.Expect(page.Locator(".og-case-state")).ToHaveTextAsync("待受理");

        // Back at the window: accepted; the receipt names every department and the deadline.
        await clerk.GotoInteractiveAsync($"/window/cases/{caseId}");
        await Assertions.Expect(clerk.Page.Locator("tr[data-material='birth-medical-record']")).ToContainTextAsync("birth-medical-record-clear.pdf");
        await clerk.Page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await Assertions.Expect(clerk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已受理");
        await clerk.Page.GotoAsync($"/print/receipt/{caseId}");
        await Assertions.Expect(clerk.Page.Locator("article")).ToContainTextAsync("360732-20260924-");
        await Assertions.Expect(clerk.Page.Locator("article tbody tr")).ToHaveCountAsync(6);
        await clerk.ScreenshotAsync("window-receipt");

        await applicant.GotoInteractiveAsync($"/my/{caseId}");
        await Assertions.Expect(page.Locator(".og-case-state")).ToHaveTextAsync("办理中");
        await Assertions.Expect(page.Locator(".og-timeline")).ToContainTextAsync("一次性告知");
    }

    [Fact]
    public async Task The_consultations_answers_carry_over_to_the_application_through_the_login()
    {
        await using var app = LiveApp.Start();
        await using var visitor = await app.OpenAsync(browser.Browser, phone: true);
        var page = visitor.Page;
        var answers = string.Join("&", Newborn.Answers("no").Select(a => $"{a.Key}={a.Value}"));
        await page.GotoAsync($"/guide/newborn/consult?{answers}&answered=1");
        await page.GetByRole(AriaRole.Link, new() { Name = "按此情形在线申请" }).ClickAsync();
        await Pages.AtAsync(page, new Regex(@"/login\?"));
        await page.GetByLabel("用户名").FillAsync("zhangsan");
        await page.GetByLabel("密码").FillAsync("OneGo@2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Pages.AtAsync(page, new Regex(@"/apply/newborn\?"));
        await visitor.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-question='maternity'] input[value='no']")).ToBeCheckedAsync();
        // Without the maternity benefit there is no bank account to fill in.
        await Assertions.Expect(page.Locator("[data-field='child.name']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field='bank.accountNumber']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_department_asks_for_a_supplement_the_applicant_answers_on_the_phone_and_the_clock_resumes()
    {
        await using var app = LiveApp.Start();
        var api = await ApiClient.LoginAsync(app.Factory, "zhangsan");
        var submitted = await Newborn.SubmitAsync(api);
        var id = submitted["id"]!.GetValue<long>();
        var clerk = await ApiClient.LoginAsync(app.Factory, "window");
        var accepted = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept", new { }));
        var task = Newborn.TaskId(accepted, "vaccination-certificate");

        await using var reviewer = await app.LoginAsync(browser.Browser, "reviewer-xg-cdc");
        await reviewer.GotoInteractiveAsync($"/review/tasks/{task}");
        await reviewer.Page.GetByLabel("需补正的内容（每行一项）").FillAsync("接种记录缺少卡介苗批号，请补充医院盖章的接种记录");
        await reviewer.Page.GetByRole(AriaRole.Button, new() { Name = "要求补正", Exact = true }).ClickAsync();
        await Assertions.Expect(reviewer.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("暂停计时");

        await using var applicant = await app.LoginAsync(browser.Browser, "zhangsan", phone: true);
        var page = applicant.Page;
        await applicant.GotoInteractiveAsync($"/my/{id}");
        var request = page.Locator($"section[data-task='{task}']");
        await Assertions.Expect(request).ToContainTextAsync("缺少卡介苗批号");
        await Assertions.Expect(page.Locator($"tr[data-task='{task}']")).ToContainTextAsync("暂停");
        await Pages.SetFileAsync(page, $"section[data-task='{task}'] input[type=file]", "接种记录-盖章.pdf");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已补交 接种记录-盖章.pdf");
        await Assertions.Expect(request).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"tr[data-task='{task}']")).ToHaveAttributeAsync("data-state", "Reviewing");
        await Assertions.Expect(page.Locator(".og-timeline")).ToContainTextAsync("补正完成，恢复计时");

        // The department sees the supplement among the task's materials.
        await reviewer.GotoInteractiveAsync($"/review/tasks/{task}");
        await Assertions.Expect(reviewer.Page.Locator("main")).ToContainTextAsync("接种记录-盖章.pdf");
    }

    [Fact]
    public async Task An_applicant_cannot_open_another_applicants_case()
    {
        await using var app = LiveApp.Start();
        var api = await ApiClient.LoginAsync(app.Factory, "zhangsan");
        var @case = await Newborn.SubmitAsync(api);
        var id = @case["id"]!.GetValue<long>();

        await using var other = await app.LoginAsync(browser.Browser, "lisi");
        await other.GotoInteractiveAsync($"/my/{id}");
        await Assertions.Expect(other.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("没有");
        await Assertions.Expect(other.Page.Locator(".og-case-number")).ToHaveCountAsync(0);
        await Assertions.Expect(other.Page.Locator("body")).Not.ToContainTextAsync("张");
        await other.Page.GotoAsync($"/print/receipt/{id}");
        await Assertions.Expect(other.Page.Locator("body")).Not.ToContainTextAsync("张");
    }
}
