using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OneGo.Web.Tests.Browser;

/// <summary>One running application for all the public-page tests: they only read the published catalog.</summary>
public sealed class PublicApp : IAsyncLifetime
{
    public LiveApp App { get; private set; } = default!;

    public Task InitializeAsync()
    {
        App = LiveApp.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The public pages without login: the service zone, a bundle's guide and the consultation.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed class GuidePageTests(BrowserFixture browser, PublicApp publicApp) : IClassFixture<PublicApp>
{
    private LiveApp App => publicApp.App;

    [Fact]
    public async Task Portal_ListsTheNewbornBundleUnderItsLifeEvent_AndSearchFindsItOrSaysNothingMatched()
    {
        await using var session = await App.OpenAsync(browser.Browser);
        var page = session.Page;

        await page.GotoAsync("/");
        var personal = page.GetByRole(AriaRole.Region, new() { Name = "个人服务 · 人生大事" });
        var birth = personal.GetByRole(AriaRole.Region, new() { Name = "出生", Exact = true });
        var card = birth.GetByRole(AriaRole.Link, new() { Name = "新生儿出生“一件事”" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync("承诺5个工作日");
        await Assertions.Expect(card).ToContainTextAsync("个部门");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "企业服务 · 全生命周期" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("portal");

        await page.GetByLabel("我要办").FillAsync("出生");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        await Pages.AtAsync(page, new Regex("[?&]q="));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "新生儿出生“一件事”" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("找到");

        await page.GotoAsync("/?q=" + Uri.EscapeDataString("挖掘机驾驶证"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("没有找到与“挖掘机驾驶证”相关的一件事");
        await Assertions.Expect(page.Locator(".og-bundle-card")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Guide_DrawsTheFlowChartWithABoxPerMatterAndArrows_AndShowsTheQrCodeAndTheHall()
    {
        await using var session = await App.OpenAsync(browser.Browser);
        var page = session.Page;

        var response = await page.GotoAsync("/guide/newborn");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新生儿出生“一件事” 办事指南" })).ToBeVisibleAsync();

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "办理流程图" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        // Six matters, four prerequisites: two strict, two pre-review (容缺预审) drawn dashed.
        await Assertions.Expect(chart.Locator("g.og-flow-box")).ToHaveCountAsync(6);
        await Assertions.Expect(chart.Locator("g.og-flow-box[data-matter='birth-registration']")).ToContainTextAsync("出生登记");
        await Assertions.Expect(chart.Locator("path.og-flow-edge")).ToHaveCountAsync(4);
        await Assertions.Expect(chart.Locator("path.og-flow-prereview")).ToHaveCountAsync(2);
        await Assertions.Expect(chart.Locator("path.og-flow-prereview").First).ToHaveAttributeAsync("stroke-dasharray", "6 4");
        await Assertions.Expect(chart).ToContainTextAsync("容缺预审");

        var qr = page.GetByRole(AriaRole.Img, new() { Name = "在线申请二维码" });
        await Assertions.Expect(qr.Locator("svg")).ToBeVisibleAsync();
        Assert.True(await qr.Locator("svg rect, svg path").CountAsync() > 0);
        await Assertions.Expect(page.GetByText(App.BaseUrl + "/apply/newborn")).ToBeAttachedAsync();

        await Assertions.Expect(page.Locator(".og-hall")).ToContainTextAsync("兴国县政务服务中心");
        await Assertions.Expect(page.Locator(".og-hall")).ToContainTextAsync("潋江镇");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "在线申请" })).ToHaveAttributeAsync("href", "/apply/newborn");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印一页纸指南" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("guide");

        // Printed, the guide is a one-page A4 leaflet: no buttons, the chart kept.
        await page.SetViewportSizeAsync(718, 1047); // A4 less 10 mm margins, at 96 dpi
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印一页纸指南" })).ToBeHiddenAsync();
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await session.ScreenshotAsync("guide-print");
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true }));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page\b(?!s)"));
    }

    [Fact]
    public async Task Guide_OnAPhone_FitsTheScreenWidth()
    {
        await using var session = await App.OpenAsync(browser.Browser, phone: true);
        var page = session.Page;

        await page.GotoAsync("/guide/newborn");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "办理流程图" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        await session.ScreenshotAsync("guide-phone");

        // Eight matters start at once when opening a homestay: on a phone the chart is two boxes wide.
        await page.GotoAsync("/guide/homestay-opening");
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "办理流程图" });
        await Assertions.Expect(chart).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("og-flow-narrow"));
        var width = await chart.EvaluateAsync<double>("svg => svg.viewBox.baseVal.width");
        Assert.True(width <= 2 * 168 + 24 + 16, $"the phone chart is {width} wide");
        await session.ScreenshotAsync("guide-phone-wide");
    }

    [Fact]
    public async Task Consultation_ShowsThePersonalListForTheAnswers_WithExemptionReasonsAndTheExpectedDate()
    {
        await using var session = await App.OpenAsync(browser.Browser);
        var page = session.Page;

        await page.GotoAsync("/guide/newborn");
        await page.GetByRole(AriaRole.Link, new() { Name = "情形引导：查看我的办理清单" }).ClickAsync();
        await page.GetByLabel("是，在省内助产机构出生").CheckAsync();
        await page.GetByLabel("随母亲落户").CheckAsync();
        await page.GetByLabel("否，父母民族不同").CheckAsync();
        await page.GetByLabel("暂不申领").CheckAsync();
        await page.GetByLabel("否，不需要").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "查看我的办理清单" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "您的办理清单" })).ToBeVisibleAsync();
        // The bundle issues the birth certificate itself, so registration does not ask for it — even anonymously.
        var certificate = page.Locator("tr[data-material='birth-medical-certificate']");
        await Assertions.Expect(certificate).ToContainTextAsync("免提交");
        await Assertions.Expect(certificate).ToContainTextAsync("出生医学证明首次签发");
        // Parents of different ethnicities add an application and both parents' ethnicity.
        await Assertions.Expect(page.Locator("tr[data-material='ethnicity-application']")).ToContainTextAsync("需提交");
        await Assertions.Expect(page.Locator("tr[data-field='mother.ethnicity']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-field='mother.name']")).ToBeVisibleAsync();
        // No social security card was asked for.
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "社会保障卡" })).ToHaveCountAsync(0);
        // Accepted on Thursday 2026-09-24 (the test clock); the National Day holiday (10-01 … 10-08) is skipped.
        await Assertions.Expect(page.Locator(".og-expected")).ToContainTextAsync("2026年");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).Filter(new() { HasText = "逐项分别办理" })).ToContainTextAsync("1个综合窗口");
        var apply = page.GetByRole(AriaRole.Link, new() { Name = "按此情形在线申请" });
        await Assertions.Expect(apply).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/apply/newborn\\?.*hukou=mother"));
        await session.ScreenshotAsync("consult");

        // The same answers but the same ethnicity: no application, no ethnicity fields.
        await page.GetByLabel("是，同一民族").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "查看我的办理清单" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-material='ethnicity-application']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("tr[data-field='mother.ethnicity']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("是，同一民族")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Consultation_WithAnUnansweredOrStoppingQuestion_SaysWhyInChinese()
    {
        await using var session = await App.OpenAsync(browser.Browser);
        var page = session.Page;

        await page.GotoAsync("/guide/newborn/consult?answered=1&birthplace=province");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("请回答：新生儿随父亲还是随母亲落户？");

        await page.GotoAsync("/guide/newborn/consult?answered=1&birthplace=elsewhere");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("本“一件事”不适用");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("仅适用于在江西省内助产机构出生的新生儿");
    }
}
