using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, shared by the browser tests (one browser, a fresh context per user).
/// The test command installs <c>chromium</c> and <c>fonts-noto-cjk</c>; without them these tests fail, they are not skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // The CI machine has two cores shared by the browser, the server and the database: allow for a slow moment
        // (a failing expectation still fails, only later).
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ONEGO_CHROMIUM") ?? ChromiumPath,
            Args = ["--no-sandbox", "--lang=zh-CN", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>The application on a real Kestrel port (the browser needs a socket), with its own database and fixed clock.</summary>
public sealed class LiveApp : IAsyncDisposable
{
    private LiveApp(OneGoFactory factory, string baseUrl)
    {
        Factory = factory;
        BaseUrl = baseUrl;
    }

    public OneGoFactory Factory { get; }

    public string BaseUrl { get; }

    public static LiveApp Start()
    {
        var factory = new OneGoFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveApp(factory, address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
    }

    /// <summary>A browser context of its own (cookies, storage) for one person; phone-sized when asked.</summary>
    public async Task<UserSession> OpenAsync(IBrowser browser, bool phone = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        return new UserSession(context, page);
    }

    /// <summary>Opens a context and signs in through the login page.</summary>
    public async Task<UserSession> LoginAsync(IBrowser browser, string userName, bool phone = false)
    {
        var session = await OpenAsync(browser, phone);
        await session.LoginAsync(userName);
        return session;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// One person's browser context. A circuit that ends on an unhandled exception fails the test when the session is
/// closed: the page would look fine while its buttons no longer did anything.
/// </summary>
public sealed class UserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private readonly List<string> _circuitErrors = [];

    public UserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("unhandled exception on the current circuit", StringComparison.OrdinalIgnoreCase))
            {
                lock (_circuitErrors)
                {
                    _circuitErrors.Add(message.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    /// <summary>The circuit ends on an unhandled exception (the page shows the 页面出错了 bar).</summary>
    public IReadOnlyList<string> CircuitErrors
    {
        get
        {
            lock (_circuitErrors)
            {
                return [.. _circuitErrors];
            }
        }
    }

    public async Task LoginAsync(string userName, string password = "OneGo@2026")
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("用户名").FillAsync(userName);
        await Page.GetByLabel("密码").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        // Signed in when the next page names the person in its header (see Pages.AtAsync for why not WaitForURLAsync).
        await Assertions.Expect(Page.Locator(".og-user")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(Page).Not.ToHaveURLAsync(new Regex("/login"));
    }

    /// <summary>Opens a signed-in page and waits until its circuit is connected (prerendered buttons do nothing before).</summary>
    public async Task GotoInteractiveAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitInteractiveAsync();
    }

    /// <summary>Waits until the page at the browser's current address is interactive (see <see cref="Pages.WaitInteractiveAsync"/>).</summary>
    public Task WaitInteractiveAsync() => Pages.WaitInteractiveAsync(Page);

    /// <summary>Saves a full-page (or one element's) screenshot under <c>artifacts/screenshots</c> (or <c>ONEGO_ARTIFACTS</c>).</summary>
    public async Task ScreenshotAsync(string name, ILocator? element = null)
    {
        var path = Path.Combine(Artifacts.Folder, name + (OneGoFactory.IsPostgres ? "-pg" : string.Empty) + ".png");
        if (element is not null)
        {
            // One section, legible at its real size (a whole phone page is too tall to look at).
            await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
            return;
        }
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        var errors = CircuitErrors;
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{Page.Url}: the circuit ended on an unhandled exception:\n{string.Join("\n", errors)}");
        }
    }
}
