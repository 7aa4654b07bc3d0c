using System.Net;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary><c>/dashboard/signup</c> in a browser: the API's sign-up and its Restricted Territory decision, then signed in.</summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class SignUpPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Signs_up_with_the_current_terms_and_lands_signed_in_on_the_dashboard()
    {
        var email = ConsoleFixture.UniqueEmail("signup");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard/signup");
        Assert.Contains(ApiClientExtensions.TermsVersion, await page.Locator("form").InnerTextAsync());
        Assert.Equal("/terms", await page.GetByRole(AriaRole.Link, new() { Name = "Read the Terms (opens in a new tab)" }).GetAttributeAsync("href"));
        await ConsolePageChecks.CheckAsync(page, "signup");

        await FillAsync(page, email, "DE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard");
        Assert.NotNull(await page.ConsoleCookieAsync());
        using var admin = fixture.App.CreateAdminClient();
        var account = Assert.Single(await AccountsWithAsync(admin, email));
        Assert.Equal("DE", account!["country"]!.GetValue<string>());
    }

    [Fact]
    public async Task Names_countries_in_the_readers_language_with_the_iso_code_as_value()
    {
        var page = await fixture.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync("/dashboard/signup");

        Assert.Equal("德国", (await page.Locator("#country option[value=DE]").InnerTextAsync()).Trim());
        Assert.Equal("注册", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "signup-zh-Hans");
    }

    [Fact]
    public async Task A_declared_country_in_the_restricted_territory_is_refused_in_words_and_nothing_is_created()
    {
        var email = ConsoleFixture.UniqueEmail("signup-cn");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard/signup");

        await FillAsync(page, email, "CN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        var errors = page.GetByRole(AriaRole.Alert);
        Assert.Contains("OmniaKey is not available in your country, region or territory.", await errors.InnerTextAsync());
        Assert.Equal("unsupported_country_region_territory", await errors.GetAttributeAsync("data-error-code"));
        Assert.Equal("/dashboard/signup", new Uri(page.Url).AbsolutePath);
        Assert.Null(await page.ConsoleCookieAsync());
        using var admin = fixture.App.CreateAdminClient();
        Assert.Empty(await AccountsWithAsync(admin, email));
        await ConsolePageChecks.CheckAsync(page, "signup-refused");
    }

    [Fact]
    public async Task A_taken_address_gets_the_apis_answer_and_no_session_and_its_owner_an_e_mail()
    {
        var owner = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard/signup");

        await page.Locator("#email").FillAsync(owner.Email);
        await page.Locator("#password").FillAsync("somebody else's passphrase");
        await page.Locator("#country").SelectOptionAsync("FR");
        await page.Locator("#eligibility").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // As the API answers 201 and then refuses the log-in, the page goes to log in with words that fit both cases.
        page.AssertOnLogInPage();
        Assert.StartsWith("Your sign-up was received. Log in to continue", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Null(await page.ConsoleCookieAsync());
        using var admin = fixture.App.CreateAdminClient();
        var account = Assert.Single(await AccountsWithAsync(admin, owner.Email));
        Assert.Equal("US", account!["country"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sign_up_post_without_the_anti_forgery_token_is_refused_and_creates_nothing()
    {
        var email = ConsoleFixture.UniqueEmail("signup-csrf");
        using var client = fixture.App.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = ApiClientExtensions.DefaultPassword,
            ["Country"] = "US",
            ["TermsVersion"] = ApiClientExtensions.TermsVersion,
            ["EligibilityConfirmed"] = "true",
        });

        using var response = await client.PostAsync("/dashboard/signup", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var admin = fixture.App.CreateAdminClient();
        Assert.Empty(await AccountsWithAsync(admin, email));
    }

    private static async Task FillAsync(IPage page, string email, string country)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(ApiClientExtensions.DefaultPassword);
        await page.Locator("#country").SelectOptionAsync(country);
        await page.Locator("#eligibility").CheckAsync();
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> AccountsWithAsync(HttpClient admin, string email)
    {
        using var response = await admin.GetAsync("/admin/v1/accounts?email=" + WebUtility.UrlEncode(email));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonNodeAsync())["data"]!.AsArray();
    }
}
