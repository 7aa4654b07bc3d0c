using System.Net;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary><c>/dashboard/login</c> and log-out in a browser: the API's log-in, its session in a hardened cookie.</summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class LogInPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Signs_in_with_a_secure_http_only_cookie_and_returns_where_asked()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/pricing");

        var cookie = await customer.Page.ConsoleCookieAsync();
        Assert.NotNull(cookie);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path);
        // Signed in: the navigation offers the account's pages and log-out.
        Assert.True(await customer.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).IsVisibleAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_words_and_signs_nobody_in()
    {
        var email = ConsoleFixture.UniqueEmail();
        await fixture.App.CreateClient().SignUpAndLogInAsync(email);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/dashboard/login");
        await ConsolePageChecks.CheckAsync(page, "login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("not the password at all");
        await page.Locator("form[method=post] button[type=submit]").Last.ClickAsync();

        var errors = page.GetByRole(AriaRole.Alert);
        Assert.Contains("The e-mail address or password is incorrect.", await errors.InnerTextAsync());
        Assert.Equal("invalid_credentials", await errors.GetAttributeAsync("data-error-code"));
        Assert.Null(await page.ConsoleCookieAsync());
        Assert.Equal("", await page.Locator("#password").InputValueAsync());
    }

    [Fact]
    public async Task Log_out_ends_the_session_itself_not_just_the_cookie()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/pricing");
        var stolen = await customer.Page.ConsoleCookieAsync();

        await customer.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await customer.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard/login");
        Assert.Null(await customer.Page.ConsoleCookieAsync());

        // A copy of the cookie taken before log-out (as malware or a shared machine might keep) no longer works.
        using var replay = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/logout");
        request.Headers.Add("Cookie", $"{stolen!.Name}={stolen.Value}");
        using var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dashboard/login", response.Headers.Location!.OriginalString.Replace(fixture.Address, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_that_needs_sign_in_sends_the_visitor_to_log_in_and_back()
    {
        var email = ConsoleFixture.UniqueEmail();
        await fixture.App.CreateClient().SignUpAndLogInAsync(email);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/dashboard/logout");

        page.AssertOnLogInPage();
        Assert.Contains("return_url=%2Fdashboard%2Flogout", page.Url);
    }
}
