using System.Net;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// <c>/dashboard/billing</c> over plain HTTP: the top-up's limits, anti-forgery, the Content-Security-Policy that lets
/// the top-up reach Stripe Checkout, and that a checkout return shows nothing of another account's top-up.
/// </summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class BillingPageFormTests(ConsoleFixture fixture)
{
    private const string Page = "/dashboard/billing";
    private const string TopUp = "/dashboard/billing?handler=topup";
    private const string Refund = "/dashboard/billing?handler=refund";

    [Theory]
    [InlineData("4.99")]
    [InlineData("500.01")]
    [InlineData("12.345")]
    [InlineData("a lot")]
    public async Task A_top_up_outside_the_limits_is_refused_in_words_and_creates_no_session(string amountUsd)
    {
        var (accountId, _, console) = await SignUpAsync();
        using var _ = console;

        using var response = await console.PostFormAsync(TopUp, Page, new() { ["amount_usd"] = amountUsd });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-error-code=\"invalid_request\"", html);
        Assert.Contains("amount_usd", html);
        Assert.Contains("$5.00", html); // the limits are stated beside the field
        Assert.Contains("$500.00", html);
        Assert.DoesNotContain(fixture.StripeApi.Requests, r => r.Form.GetValueOrDefault("client_reference_id") == accountId.ToString());
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var (accountId, api, console) = await SignUpAsync();
        using var _ = console;
        await fixture.App.CreateAdminClient().CreditAsync(accountId, "20");

        using var topUp = await console.PostFormAsync(TopUp, tokenFrom: null, new() { ["amount_usd"] = "25" });
        using var refund = await console.PostFormAsync(Refund, tokenFrom: null, new() { ["refund_amount_usd"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, topUp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refund.StatusCode);
        Assert.DoesNotContain(fixture.StripeApi.Requests, r => r.Form.GetValueOrDefault("client_reference_id") == accountId.ToString());
        Assert.Empty((await api.GetFromJsonNodeAsync("/api/v1/billing/refunds"))["data"]!.AsArray());
        Assert.Equal(("20", "0"), await api.GetBalanceAsync());
    }

    [Fact]
    public async Task The_top_up_form_may_lead_to_stripe_checkout_and_to_the_configured_stand_in_only()
    {
        var (_, _, console) = await SignUpAsync();
        using var _ = console;

        using var response = await console.GetAsync(Page);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var formAction = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action ", StringComparison.Ordinal));
        Assert.Equal($"form-action 'self' https://checkout.stripe.com {fixture.StripeApi.ApiBase}", formAction);
    }

    [Fact]
    public async Task A_checkout_return_with_another_accounts_session_shows_nothing_of_it()
    {
        var (_, owner, ownerConsole) = await SignUpAsync();
        ownerConsole.Dispose();
        using var created = await owner.PostJsonAsync("/api/v1/billing/checkout", new { amount_usd = "12.34" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var sessionId = (await created.ReadJsonNodeAsync())["session_id"]!.GetValue<string>();
        var (_, _, other) = await SignUpAsync();
        using var __ = other;

        var html = await other.GetPageAsync($"{Page}?checkout=success&session_id={sessionId}");

        Assert.Contains("data-checkout=\"unknown\"", html);
        Assert.DoesNotContain("12.34", html);
        Assert.DoesNotContain("data-checkout=\"pending\"", html);
    }

    [Fact]
    public async Task A_refund_of_more_than_is_refundable_is_refused_in_words_and_holds_nothing()
    {
        var (accountId, api, console) = await SignUpAsync();
        using var _ = console;
        // Operator credit is not refundable (docs/adr/0011): the form is not offered, and a forged post is refused.
        await fixture.App.CreateAdminClient().CreditAsync(accountId, "20");
        Assert.Contains("Nothing is refundable right now", await console.GetPageAsync(Page));

        using var response = await console.PostFormAsync(Refund, Page, new() { ["refund_amount_usd"] = "5", ["refund_key"] = Guid.NewGuid().ToString("N") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-error-code=\"invalid_request\"", html);
        Assert.Contains("nothing is refundable", html);
        Assert.Empty((await api.GetFromJsonNodeAsync("/api/v1/billing/refunds"))["data"]!.AsArray());
        Assert.Equal(("20", "0"), await api.GetBalanceAsync());
    }

    [Fact]
    public async Task The_ledger_pages_newest_first_and_a_forged_cursor_shows_the_first_page_with_an_error()
    {
        var (accountId, _, console) = await SignUpAsync();
        using var _ = console;
        var admin = fixture.App.CreateAdminClient();
        for (var i = 1; i <= 26; i++)
        {
            await admin.CreditAsync(accountId, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var first = await console.GetPageAsync(Page);
        Assert.Equal(25, LedgerRows(first));
        Assert.True(first.IndexOf("$26.00", StringComparison.Ordinal) < first.IndexOf("$25.00", StringComparison.Ordinal), "newest first");
        var older = OlderLink().Match(first);
        Assert.True(older.Success, "the first page links to older entries");

        var second = await console.GetPageAsync(System.Net.WebUtility.HtmlDecode(older.Groups["href"].Value));
        Assert.Equal(1, LedgerRows(second));
        Assert.Contains("$1.00", second);
        Assert.DoesNotMatch(OlderLink(), second);

        var forged = await console.GetPageAsync(Page + "?cursor=not-a-cursor");
        Assert.Contains("data-error-code=\"invalid_request\"", forged);
        Assert.Equal(25, LedgerRows(forged));
    }

    private static int LedgerRows(string html) => System.Text.RegularExpressions.Regex.Count(html, "<tr data-ledger-type=");

    private static System.Text.RegularExpressions.Regex OlderLink() => new("href=\"(?<href>/dashboard/billing\\?cursor=[^\"#]+)#ledger-heading\"");

    private async Task<(Guid AccountId, HttpClient Api, ConsoleHttpSession Console)> SignUpAsync()
    {
        var email = ConsoleFixture.UniqueEmail("billing");
        var (accountId, token) = await fixture.App.CreateClient().SignUpAndLogInAsync(email);
        var console = await ConsoleHttpSession.LogInAsync(fixture.Address, email);
        return (accountId, fixture.App.CreateBearerClient(token), console);
    }
}
