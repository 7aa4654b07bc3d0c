using Microsoft.Playwright;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary><c>/pricing</c> in a browser: public, every enabled model priced, and in the reader's language.</summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class PricingPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Lists_every_enabled_model_with_its_prices_to_anyone()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/pricing");

        Assert.Equal("Pricing · OmniaKey", await page.TitleAsync());
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "gpt-4o-mini" }).First;
        Assert.Contains("$0.15", await row.InnerTextAsync()); // input, per million tokens, as the seeded catalogue prices it
        await ConsolePageChecks.CheckAsync(page, "pricing");
    }

    [Fact]
    public async Task Speaks_the_browsers_language_and_remembers_the_switch()
    {
        var page = await fixture.NewPageAsync(locale: "zh-TW");

        await page.GotoAsync("/pricing");
        Assert.Equal("價格", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "简体中文" }).ClickAsync();
        Assert.Equal("价格", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.EndsWith("/pricing", page.Url);

        await page.GotoAsync("/pricing");
        Assert.Equal("zh-Hans", await page.Locator("html").GetAttributeAsync("lang"));
        await ConsolePageChecks.CheckAsync(page, "pricing-zh-Hans");
    }
}
