using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary><c>/dashboard/account</c> in a browser: profile, password, sessions, export and closing, as the API does them.</summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class AccountPageTests(ConsoleFixture fixture)
{
    private const string NewPassword = "another long console passphrase";

    [Fact]
    public async Task Shows_the_profile_and_the_accepted_terms()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = customer.Page;

        Assert.Equal(customer.Email, await EmailLinkPageTests.FactAsync(page, "E-mail address"));
        Assert.Equal("Active", await EmailLinkPageTests.FactAsync(page, "Status"));
        Assert.Equal("United States (US)", await EmailLinkPageTests.FactAsync(page, "Country or region"));
        Assert.Contains(ApiClientExtensions.TermsVersion, await page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Terms of Service" }) }).InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "account");
    }

    [Fact]
    public async Task A_password_change_keeps_this_browser_signed_in_and_ends_every_earlier_session()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = customer.Page;
        var before = await page.ConsoleCookieAsync();

        await page.Locator("#current-password").FillAsync(customer.Password);
        await page.Locator("#new-password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the password" }).ClickAsync();

        Assert.Equal("Your password is changed. Every other session has ended.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal("/dashboard/account", new Uri(page.Url).AbsolutePath);
        Assert.NotEqual(before!.Value, (await page.ConsoleCookieAsync())!.Value);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(before, "/dashboard/account"));
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync((await page.ConsoleCookieAsync())!, "/dashboard/account"));
        await AssertApiSessionEndedAsync(customer);
        using var anonymous = fixture.App.CreateClient();
        await anonymous.LogInAsync(customer.Email, NewPassword);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing_and_says_which_field()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = customer.Page;

        await page.Locator("#current-password").FillAsync("not my password at all");
        await page.Locator("#new-password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the password" }).ClickAsync();

        Assert.Contains("current_password: is incorrect", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "account-error");
        using var anonymous = fixture.App.CreateClient();
        await anonymous.LogInAsync(customer.Email, customer.Password);
    }

    [Fact]
    public async Task Log_out_everywhere_ends_this_and_every_other_session()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = customer.Page;
        var cookie = await page.ConsoleCookieAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out everywhere" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard/login");
        Assert.Contains("Every session of your account has ended.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Null(await page.ConsoleCookieAsync());
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(cookie!, "/dashboard/account"));
        await AssertApiSessionEndedAsync(customer);
    }

    [Fact]
    public async Task The_export_downloads_the_apis_json_archive_as_a_file()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = customer.Page;

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download my data (JSON)" }).ClickAsync());

        Assert.Equal($"omniakey-account-{customer.AccountId:N}.json", download.SuggestedFilename);
        var json = JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        Assert.Equal(customer.Email, json["profile"]!["email"]!.GetValue<string>());
        Assert.Equal(ApiClientExtensions.TermsVersion, json["terms_acceptances"]![0]!["version"]!.GetValue<string>());
        Assert.NotNull(json["exported_at"]);
    }

    [Fact]
    public async Task Closing_the_account_signs_out_and_log_in_is_refused_from_then_on()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = customer.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.Locator("#close-password").FillAsync(customer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Close my account" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard/login");
        Assert.Contains("Your account is closed.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Null(await page.ConsoleCookieAsync());
        using var admin = fixture.App.CreateAdminClient();
        using (var account = await admin.GetAsync($"/admin/v1/accounts/{customer.AccountId}"))
        {
            await account.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("terminated", (await account.ReadJsonNodeAsync())["status"]!.GetValue<string>());
        }

        await page.Locator("#email").FillAsync(customer.Email);
        await page.Locator("#password").FillAsync(customer.Password);
        await page.Locator("form[method=post] button[type=submit]").Last.ClickAsync();
        Assert.NotNull(await page.GetByRole(AriaRole.Alert).GetAttributeAsync("data-error-code"));
        Assert.Null(await page.ConsoleCookieAsync());
    }

    [Fact]
    public async Task Reads_in_chinese()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account", locale: "zh-CN");
        var page = customer.Page;

        Assert.Equal("您的账户", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Equal("美国 (US)", await EmailLinkPageTests.FactAsync(page, "国家或地区"));
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "关闭我的账户" }).IsVisibleAsync());
        await ConsolePageChecks.CheckAsync(page, "account-zh-Hans");

        await page.GetByRole(AriaRole.Link, new() { Name = "繁體中文" }).ClickAsync();
        Assert.Equal("您的帳戶", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "account-zh-Hant");
    }

    [Fact]
    public async Task Without_a_session_the_account_page_and_its_export_send_to_log_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Address) };

        using var page = await client.GetAsync("/dashboard/account");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/dashboard/login?return_url=%2Fdashboard%2Faccount", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var export = await client.PostAsync("/dashboard/account?handler=Export", null);
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        Assert.NotEqual("application/json", export.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A request with a copy of <paramref name="cookie"/> (as malware or a shared machine might keep it).</summary>
    private async Task<HttpStatusCode> ReplayAsync(BrowserContextCookiesResult cookie, string path)
    {
        using var replay = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using var response = await replay.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task AssertApiSessionEndedAsync(ConsoleCustomer customer)
    {
        using var response = await customer.Api.GetAsync("/api/v1/account");
        await response.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }
}
