using System.Net;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// The links in the real e-mails, followed in a browser: e-mail verification and password reset. Opening a link never
/// uses its single-use token (mail scanners fetch links); the page's button does.
/// </summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class EmailLinkPageTests(ConsoleFixture fixture)
{
    private const string NewPassword = "a brand new console passphrase";

    [Fact]
    public async Task The_verification_link_verifies_only_when_the_button_is_pressed()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var link = await fixture.WaitForLinkAsync(customer.Email, "Verify your OmniaKey e-mail address");
        Assert.StartsWith("/dashboard/verify-email?token=", link);
        Assert.Equal("No", await FactAsync(customer.Page, "E-mail verified"));

        // Opened in another browser (no session): the GET alone changes nothing.
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(link);
        await ConsolePageChecks.CheckAsync(page, "verify-email");
        Assert.False(await EmailVerifiedAsync(customer));

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify my e-mail address" }).ClickAsync();
        Assert.Equal("Your e-mail address is verified.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        Assert.True(await EmailVerifiedAsync(customer));
        await ConsolePageChecks.CheckAsync(page, "verify-email-done");

        await customer.Page.ReloadAsync();
        Assert.Equal("Yes", await FactAsync(customer.Page, "E-mail verified"));

        // The token is single-use: the same link again is refused in words.
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify my e-mail address" }).ClickAsync();
        var errors = page.GetByRole(AriaRole.Alert);
        Assert.Contains("token: is invalid, expired or already used", await errors.InnerTextAsync());
        Assert.Equal("invalid_request", await errors.GetAttributeAsync("data-error-code"));
    }

    [Fact]
    public async Task A_password_reset_through_the_e_mails_link_ends_the_old_session_and_the_new_password_logs_in()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await ConsolePageChecks.CheckAsync(page, "reset-password");

        await page.Locator("#email").FillAsync(customer.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        const string Answer = "If an account uses this address, a reset link is on its way. It works once, for a limited time.";
        Assert.Equal(Answer, await page.GetByRole(AriaRole.Status).InnerTextAsync());

        // An unknown address gets exactly the same answer.
        await page.Locator("#email").FillAsync(ConsoleFixture.UniqueEmail("nobody"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        Assert.Equal(Answer, await page.GetByRole(AriaRole.Status).InnerTextAsync());

        var link = await fixture.WaitForLinkAsync(customer.Email, "Reset your OmniaKey password");
        Assert.StartsWith("/dashboard/reset-password?token=", link);
        await page.GotoAsync(link);
        await ConsolePageChecks.CheckAsync(page, "reset-password-new");
        await page.GetByLabel("New password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();

        page.AssertOnLogInPage();
        Assert.Contains("Your password is set.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await page.LogInAsync(customer.Email, NewPassword, "/dashboard/account");
        Assert.NotNull(await page.ConsoleCookieAsync());

        // The session that was open before the reset has ended.
        await customer.Page.ReloadAsync();
        customer.Page.AssertOnLogInPage();
    }

    [Fact]
    public async Task A_too_short_new_password_is_refused_and_the_link_still_works()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        using (var reset = await fixture.App.CreateClient().PostJsonAsync("/api/v1/auth/password-reset", new { email = customer.Email }))
        {
            await reset.AssertStatusAsync(HttpStatusCode.Accepted);
        }

        var link = await fixture.WaitForLinkAsync(customer.Email, "Reset your OmniaKey password");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(link);
        // Past the browser's own minlength check, to see the API's rule in words.
        await page.Locator("#new-password").EvaluateAsync("e => e.removeAttribute('minlength')");
        await page.Locator("#new-password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();

        Assert.Contains("new_password", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        await page.Locator("#new-password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        page.AssertOnLogInPage();
    }

    [Fact]
    public async Task The_operators_invitation_link_sets_the_first_password()
    {
        var email = ConsoleFixture.UniqueEmail("invited");
        using var admin = fixture.App.CreateAdminClient();
        var id = await admin.CreateAccountAsync(email);
        using (var invitation = await admin.PostAsync($"/admin/v1/accounts/{id}/invitation", null))
        {
            await invitation.AssertStatusAsync(HttpStatusCode.Accepted);
        }

        var link = await fixture.WaitForLinkAsync(email, "You are invited to OmniaKey");
        Assert.StartsWith("/dashboard/set-password?token=", link);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(link);
        Assert.Equal("Set your password", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "set-password");
        await page.GetByLabel("New password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();

        page.AssertOnLogInPage();
        await page.LogInAsync(email, NewPassword, "/dashboard/account");
        Assert.Equal(email, await FactAsync(page, "E-mail address"));
    }

    [Fact]
    public async Task A_verification_post_without_the_anti_forgery_token_is_refused_and_uses_nothing()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/account");
        var link = await fixture.WaitForLinkAsync(customer.Email, "Verify your OmniaKey e-mail address");
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
        using var client = fixture.App.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Token"] = token });

        using var response = await client.PostAsync("/dashboard/verify-email", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await EmailVerifiedAsync(customer));
        using var verify = await client.PostJsonAsync("/api/v1/auth/verify-email", new { token });
        await verify.AssertStatusAsync(HttpStatusCode.OK); // the token was not used by the refused post
    }

    private static async Task<bool> EmailVerifiedAsync(ConsoleCustomer customer)
    {
        using var response = await customer.Api.GetAsync("/api/v1/account");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonNodeAsync())["email_verified"]!.GetValue<bool>();
    }

    internal static async Task<string> FactAsync(IPage page, string term) =>
        (await page.Locator($"dl.facts dt:text-is(\"{term}\") + dd").InnerTextAsync()).Trim();
}
