using System.Text;
using Microsoft.Playwright;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Browser;

/// <summary>What people do on the pages, step by step, shared by the journeys.</summary>
public static class Pages
{
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

    /// <summary>Clicks a button that should lead to another page; an error alert instead fails the test with its text.</summary>
    public static async Task ClickAndNavigateAsync(IPage page, string button, System.Text.RegularExpressions.Regex url)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var alert = page.Locator(".og-workspace > [role=alert]");
        var navigated = page.WaitForURLAsync(url);
        var failed = alert.WaitForAsync();
        if (await Task.WhenAny(navigated, failed) == failed && !url.IsMatch(page.Url))
        {
            Assert.Fail($"“{button}” failed: {await alert.InnerTextAsync()}");
        }
        await navigated;
    }

    /// <summary>Chooses a file in the row's file input and waits for the page to confirm it.</summary>
    public static async Task UploadAsync(IPage page, string row, string name)
    {
        await page.Locator(row + " input[type=file]").SetInputFilesAsync(Pdf(name));
        await Assertions.Expect(page.Locator(row)).ToContainTextAsync(name);
    }
}
