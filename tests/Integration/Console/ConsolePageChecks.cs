using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Deployment;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// What every console page must pass, checked on the page as the browser shows it:
/// <list type="bullet">
/// <item>axe-core finds no serious or critical accessibility violation;</item>
/// <item>at 375 px the page does not scroll sideways (wide tables scroll inside their own box);</item>
/// <item>a screenshot at 1280 px and at 375 px is written to <c>TestResults/console-screenshots/</c> (not committed).</item>
/// </list>
/// </summary>
public static class ConsolePageChecks
{
    private static readonly string ScreenshotDirectory = Path.Combine(RepositoryPaths.Root, "TestResults", "console-screenshots");

    /// <param name="name">The screenshot's file name stem, e.g. <c>tokens</c> or <c>tokens-zh-Hans</c>.</param>
    public static async Task CheckAsync(IPage page, string name)
    {
        await AssertAccessibleAsync(page);
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}-1280.png"), FullPage = true });

        var wide = page.ViewportSize;
        await page.SetViewportSizeAsync(375, 812);
        try
        {
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{page.Url} scrolls sideways by {overflow} px at 375 px wide.");
            await AssertAccessibleAsync(page);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}-375.png"), FullPage = true });
        }
        finally
        {
            if (wide is not null)
            {
                await page.SetViewportSizeAsync(wide.Width, wide.Height);
            }
        }
    }

    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id} ({violation.Help}) at "
        + string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString() ?? "?"));
}
