using System.Net;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>A customer of the console: an account made through the API, then signed in through the log-in page.</summary>
public sealed record ConsoleCustomer(Guid AccountId, string Email, string Password, IPage Page)
{
    /// <summary>An API client with a bearer token of this account (for set-up and for checking what a page did).</summary>
    public required HttpClient Api { get; init; }
}

public static class ConsoleAccounts
{
    /// <summary>
    /// Signs up a fresh account through the API (the seeded Terms accepted, country US), then logs in on
    /// <c>/dashboard/login</c> in a new browser profile; the page ends on <paramref name="landOn"/>.
    /// </summary>
    public static async Task<ConsoleCustomer> SignUpAndLogInAsync(this ConsoleFixture fixture, string landOn = "/pricing", string locale = "en-US")
    {
        var email = ConsoleFixture.UniqueEmail();
        var anonymous = fixture.App.CreateClient();
        var (accountId, token) = await anonymous.SignUpAndLogInAsync(email);
        var page = await fixture.NewPageAsync(locale);
        await page.LogInAsync(email, ApiClientExtensions.DefaultPassword, landOn);
        return new ConsoleCustomer(accountId, email, ApiClientExtensions.DefaultPassword, page) { Api = fixture.App.CreateBearerClient(token) };
    }

    /// <summary>Fills in and sends the log-in form, then waits for <paramref name="landOn"/>.</summary>
    public static async Task LogInAsync(this IPage page, string email, string password, string landOn = "/pricing")
    {
        await page.GotoAsync("/dashboard/login?return_url=" + WebUtility.UrlEncode(landOn));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form[method=post] button[type=submit]").Last.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == landOn);
    }

    /// <summary>The console cookie as the browser holds it.</summary>
    public static async Task<BrowserContextCookiesResult?> ConsoleCookieAsync(this IPage page) =>
        (await page.Context.CookiesAsync()).SingleOrDefault(c => c.Name == "__Host-omniakey-console");

    public static void AssertOnLogInPage(this IPage page) =>
        Assert.Equal("/dashboard/login", new Uri(page.Url).AbsolutePath);
}
