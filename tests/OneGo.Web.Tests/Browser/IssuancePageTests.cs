using Microsoft.Playwright;
using OneGo.Web.Data;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed class IssuancePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_issuance_window_checks_the_collectors_ID_and_the_applicant_sees_the_results_collected()
    {
        await using var app = LiveApp.Start();
        var done = await Newborn.CompletedAsync(app.Factory);
        var id = done["id"]!.GetValue<long>();

        await using var issuer = await app.LoginAsync(browser.Browser, "issuer");
        var page = issuer.Page;
        await issuer.WaitInteractiveAsync();
        Assert.EndsWith("/issuance", page.Url, StringComparison.Ordinal);
        var card = page.Locator($"section.og-issue[data-case='{id}']");
        await Assertions.Expect(card).ToContainTextAsync("窗口领取");
        await Assertions.Expect(card).ToContainTextAsync("张*");
        await Pages.AssertEveryInputLabelledAsync(page);

        await card.GetByLabel("领取人姓名").FillAsync("李四");
        await card.GetByLabel("领取人身份证件号码").FillAsync(DemoSeed.LiSi);
        await card.GetByRole(AriaRole.Button, new() { Name = "核验并发放" }).ClickAsync();
        await Assertions.Expect(page.Locator(".og-workspace > [role=alert]")).ToContainTextAsync("授权委托书");
        await issuer.ScreenshotAsync("issuance-identity-mismatch");

        await card.GetByLabel("领取人姓名").FillAsync("张三");
        await card.GetByLabel("领取人身份证件号码").FillAsync(DemoSeed.ZhangSan);
        await card.GetByRole(AriaRole.Button, new() { Name = "核验并发放" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已核验身份并发放");
        await Assertions.Expect(card).ToHaveCountAsync(0);

        await using var applicant = await app.LoginAsync(browser.Browser, "zhangsan", phone: true);
        await applicant.GotoInteractiveAsync($"/my/{id}");
        await Assertions.Expect(applicant.Page.Locator(".og-delivery")).ToContainTextAsync("由张三在统一出件窗口领取");
        await Assertions.Expect(applicant.Page.Locator(".og-timeline")).ToContainTextAsync("已核验身份证件");

        // The birth certificate was issued as a signed e-license: 我的证照 lists it and its verification says genuine.
        await applicant.Page.GotoAsync("/my/licenses");
        var license = applicant.Page.Locator(".og-license").Filter(new() { HasText = "出生医学证明" });
        await Assertions.Expect(license).ToHaveCountAsync(1);
        await applicant.ScreenshotAsync("my-licenses-phone");
        await license.GetByRole(AriaRole.Link, new() { Name = "核验" }).ClickAsync();
        await Assertions.Expect(applicant.Page.Locator(".og-verdict")).ToHaveAttributeAsync("data-signature", "valid");
        await Assertions.Expect(applicant.Page.Locator(".og-verdict")).ToContainTextAsync("签名有效");
        await Assertions.Expect(applicant.Page.Locator(".og-facts")).ToContainTextAsync("张*");
        await applicant.ScreenshotAsync("verify-license-phone");
    }

    [Fact]
    public async Task The_issuing_department_reissues_and_revokes_and_the_holder_sees_both_and_every_use()
    {
        await using var app = LiveApp.Start();
        await Newborn.CompletedAsync(app.Factory);

        await using var health = await app.LoginAsync(browser.Browser, "reviewer-xg-health");
        var page = health.Page;
        await health.GotoInteractiveAsync("/review/licenses");
        var card = page.Locator("section.og-dept-license").Filter(new() { HasText = "出生医学证明" });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card).ToContainTextAsync("张*");

        // 换发 with a corrected field: version 2 replaces version 1.
        await card.GetByRole(AriaRole.Button, new() { Name = "换发" }).ClickAsync();
        await Pages.AssertEveryInputLabelledAsync(page);
        await card.GetByLabel("新生儿姓名").FillAsync("张晓明");
        await card.GetByLabel("换发原因").FillAsync("新生儿姓名更正");
        await card.GetByRole(AriaRole.Button, new() { Name = "确认换发" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已换发为新版本");
        var current = page.Locator("section.og-dept-license[data-status='valid']").Filter(new() { HasText = "出生医学证明" });
        await Assertions.Expect(current).ToContainTextAsync("第 2 版");
        await Assertions.Expect(page.Locator("section.og-dept-license[data-status='superseded']")).ToContainTextAsync("已换发为新版本");

        // 撤销 needs a reason.
        await current.GetByRole(AriaRole.Button, new() { Name = "撤销" }).ClickAsync();
        await current.GetByRole(AriaRole.Button, new() { Name = "确认撤销" }).ClickAsync();
        await Assertions.Expect(page.Locator(".og-workspace > [role=alert]")).ToContainTextAsync("请填写撤销原因");
        await current.GetByLabel("撤销原因").FillAsync("出生信息登记错误");
        await current.GetByRole(AriaRole.Button, new() { Name = "确认撤销" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("证照已撤销");
        await Assertions.Expect(page.Locator("section.og-dept-license[data-status='revoked']")).ToContainTextAsync("出生信息登记错误");
        await Assertions.Expect(page.Locator("section.og-dept-license[data-status='revoked'] .ant-tag")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-tag-red"));
        await health.ScreenshotAsync("department-licenses");

        // The holder sees both versions' status, and the use of his 结婚证 for the newborn case.
        await using var applicant = await app.LoginAsync(browser.Browser, "zhangsan", phone: true);
        await applicant.Page.GotoAsync("/my/licenses");
        await Assertions.Expect(applicant.Page.Locator(".og-license .og-license-status[data-status='Revoked']")).ToHaveCountAsync(1);
        await Assertions.Expect(applicant.Page.Locator(".og-license .og-license-status[data-status='Superseded']")).ToHaveCountAsync(1);
        var marriage = applicant.Page.Locator(".og-license").Filter(new() { HasText = "结婚证" });
        await Assertions.Expect(marriage.Locator(".og-license-uses li")).ToContainTextAsync("代替提交“结婚证”");
        await applicant.ScreenshotAsync("my-licenses-uses-phone");
    }
}
