using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary><c>/terms</c>, <c>/terms/{version}</c> and <c>/terms/refunds</c> in a browser, and accepting a newer version.</summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class TermsPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Shows_the_terms_in_force_and_the_refund_policy_to_anyone()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/terms");
        Assert.Equal(200, response!.Status);
        Assert.Equal("Terms of Service · OmniaKey", await page.TitleAsync());
        Assert.Contains(ApiClientExtensions.TermsVersion, await page.Locator("dl.facts").InnerTextAsync());
        Assert.Contains("the \"Restricted Territory\"", await page.Locator("article").InnerTextAsync());
        Assert.Equal("en", await page.Locator(".policy-text").GetAttributeAsync("lang"));
        await ConsolePageChecks.CheckAsync(page, "terms");

        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Refund Policy" }).ClickAsync();
        Assert.Equal("/terms/refunds", new Uri(page.Url).AbsolutePath);
        using var api = fixture.App.CreateClient();
        using var policy = await api.GetAsync("/api/v1/policies/refunds");
        var served = await policy.ReadJsonNodeAsync();
        var firstLine = served["text"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        Assert.Contains(firstLine, await page.Locator("article").InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "refund-policy");
    }

    [Fact]
    public async Task An_unknown_version_is_a_404_in_words()
    {
        var page = await fixture.NewPageAsync(locale: "zh-TW");

        var response = await page.GotoAsync("/terms/no-such-version");

        Assert.Equal(404, response!.Status);
        Assert.Equal("terms_not_found", await page.GetByRole(AriaRole.Alert).GetAttributeAsync("data-error-code"));
        Assert.Equal("服務條款", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
    }

    [Fact]
    public async Task A_newer_published_version_is_listed_encoded_and_can_be_accepted_from_the_account_page()
    {
        var version = "2099-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = fixture.App.CreateAdminClient();
        using (var published = await admin.PostJsonAsync("/admin/v1/terms", new
        {
            version,
            effective_at = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
            material = false,
            text = "Terms of Service\n\nA <b>plain</b> text paragraph.\nSecond line.",
        }))
        {
            await published.AssertStatusAsync(HttpStatusCode.Created);
        }

        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = customer.Page;
        await page.GotoAsync("/terms");
        await page.GetByRole(AriaRole.Link, new() { Name = version, Exact = true }).ClickAsync();
        Assert.Equal("/terms/" + version, new Uri(page.Url).AbsolutePath);
        Assert.Contains("A <b>plain</b> text paragraph.", await page.Locator("article").InnerTextAsync());
        Assert.Equal(0, await page.Locator("article b").CountAsync());

        await page.GotoAsync("/dashboard/account");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Accept version {version}" }).ClickAsync();

        Assert.Equal($"You accepted the Terms of Service, version {version}.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = $"Accept version {version}" }).CountAsync());
        using var acceptances = await customer.Api.GetAsync("/api/v1/account");
        Assert.Equal(version, (await acceptances.ReadJsonNodeAsync())["terms_version"]!.GetValue<string>());
    }
}
