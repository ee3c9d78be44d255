using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Browser;

/// <summary>What people do on the pages, step by step, shared by the journeys.</summary>
public static partial class Pages
{
    /// <summary>The applicant's case page, <c>/my/{id}</c>, capturing the id.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"/my/(\d+)$")]
    public static partial Regex MyCaseUrl();

    /// <summary>A small PDF with unique content.</summary>
    public static FilePayload Pdf(string name) => new()
    {
        Name = name,
        MimeType = "application/pdf",
        Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n% OneGo browser test " + Guid.NewGuid() + "\n%%EOF"),
    };

    /// <summary>Answers the newborn questions, fills the fields the registers could not, uploads the required materials.</summary>
    public static async Task FillNewbornAsync(IPage page, IEnumerable<string>? materials = null)
    {
        foreach (var (question, option) in Newborn.Answers())
        {
            var input = page.Locator($"[data-question='{question}'] input[value='{option}']");
            if (!await input.IsCheckedAsync())
            {
                await input.CheckAsync();
            }
        }
        // The form appears once every question is answered.
        await Assertions.Expect(page.Locator("[data-field='child.name']")).ToBeVisibleAsync();
        foreach (var (key, value) in Newborn.Form())
        {
            var field = page.Locator($"[data-field='{key}']");
            if (await field.CountAsync() == 0)
            {
                continue;
            }
            var control = field.Locator("input, select, textarea").First;
            var tag = await control.EvaluateAsync<string>("e => e.tagName");
            if (tag == "SELECT")
            {
                await control.SelectOptionAsync(value);
            }
            else if (await control.InputValueAsync() != value)
            {
                await control.FillAsync(value);
                await control.BlurAsync();
            }
        }
        foreach (var key in materials ?? Newborn.RequiredMaterials)
        {
            await UploadAsync(page, $"[data-material='{key}']", key + ".pdf");
        }
    }

    /// <summary>
    /// Waits until the browser's address ends with <paramref name="pathAndQuery"/>, by polling the address. Not
    /// <c>WaitForURLAsync</c>: when the address already matches it waits for the page's load event whatever
    /// <c>WaitUntil</c> says, and on a busy machine that event has been missed (a 30 s timeout on a page that was there).
    /// Blazor's own navigations happen in the same document and have no load event at all.
    /// </summary>
    public static Task AtAsync(IPage page, string pathAndQuery) =>
        AtAsync(page, new Regex(Regex.Escape(pathAndQuery) + "$"));

    /// <summary>Waits until the browser's address matches <paramref name="url"/> (see <see cref="AtAsync(IPage, string)"/>).</summary>
    public static Task AtAsync(IPage page, Regex url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 30_000 });

    /// <summary>Clicks a button that should lead to another page; an error alert instead fails the test with its text.</summary>
    public static async Task ClickAndNavigateAsync(IPage page, string button, Regex url)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var alert = page.Locator(".og-workspace > [role=alert]");
        // The new address is enough, then the new page's circuit.
        var navigated = AtAsync(page, url);
        var failed = alert.WaitForAsync();
        if (await Task.WhenAny(navigated, failed) == failed && !url.IsMatch(page.Url))
        {
            Assert.Fail($"“{button}” failed: {await alert.InnerTextAsync()}");
        }
        await navigated;
        await WaitInteractiveAsync(page);
    }

    /// <summary>
    /// Waits until the page at the browser's current address is interactive. Blazor's enhanced navigation changes the
    /// address before the new page arrives, so the old page's marker must not count; nor may the new page's
    /// prerendered copy, whose inputs are replaced (and emptied) when the circuit takes over.
    /// </summary>
    public static Task WaitInteractiveAsync(IPage page) => page.WaitForFunctionAsync(
        """
        () => {
            const w = document.querySelector('.og-workspace');
            return w !== null && w.dataset.interactive === 'true' && w.dataset.uri === location.pathname + location.search;
        }
        """);

    /// <summary>Every visible input, select and text area has a label (or an aria-label) that names it.</summary>
    public static async Task AssertEveryInputLabelledAsync(IPage page)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => e.offsetParent !== null || e.type === 'file')
                .filter(e => !(e.labels && [...e.labels].some(l => l.textContent.trim().length > 0)) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => e.outerHTML.slice(0, 120))
            """);
        Assert.True(unlabelled.Length == 0, $"{page.Url}: inputs without a label:\n{string.Join("\n", unlabelled)}");
    }

    /// <summary>
    /// Chooses a file once Blazor has wired the file input (a person cannot pick a file in the milliseconds between
    /// the input appearing and its JavaScript being attached; a test can, and the change would be lost).
    /// </summary>
    public static async Task SetFileAsync(IPage page, string input, string name)
    {
        var element = page.Locator(input);
        await element.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync("s => document.querySelector(s)?._blazorInputFileNextFileId !== undefined", input);
        await element.SetInputFilesAsync(Pdf(name));
    }

    /// <summary>Chooses a file in the row's file input and waits for the page to confirm it.</summary>
    public static async Task UploadAsync(IPage page, string row, string name)
    {
        await SetFileAsync(page, row + " input[type=file]", name);
        await Assertions.Expect(page.Locator(row)).ToContainTextAsync(name);
    }
}
