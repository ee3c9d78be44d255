using Microsoft.Playwright;

namespace OneGo.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Database")]
[Trait("Category", "Browser")]
public sealed class LoginPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_wrong_password_is_refused_in_Chinese_and_a_right_one_signs_in_and_out()
    {
        await using var app = LiveApp.Start();
        await using var session = await app.OpenAsync(browser.Browser);
        var page = session.Page;

        await page.GotoAsync("/login");
        await page.GetByLabel("用户名").FillAsync("zhangsan");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码错误");
        await session.ScreenshotAsync("login-failed");

        // With the keyboard only: Tab into the fields, Enter submits.
        await page.GotoAsync("/login");
        await page.GetByLabel("用户名").FocusAsync();
        await page.Keyboard.TypeAsync("zhangsan");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("OneGo@2026");
        await page.Keyboard.PressAsync("Enter");
        await Pages.AtAsync(page, "/my");
        await Pages.AssertEveryInputLabelledAsync(page);
        await Assertions.Expect(page.Locator(".og-user")).ToContainTextAsync("张三");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "登录" })).ToBeVisibleAsync();

        // Signed out, a signed-in page sends the visitor to the login page and back afterwards.
        await page.GotoAsync("/window");
        Assert.Contains("/login?ReturnUrl=%2Fwindow", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("用户名").FillAsync("window");
        await page.GetByLabel("密码").FillAsync("OneGo@2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Pages.AtAsync(page, "/window");

        // A clerk is not an applicant: 我的办件 is refused.
        await page.GotoAsync("/my");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
    }
}
