using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// <c>/dashboard/billing</c> in a browser: a top-up through the Stripe double (the browser really follows the 303 to
/// Stripe Checkout's origin, which the console's CSP must allow for it; the checkout page itself is answered by the
/// test), the signed webhook, the return, the ledger, and a refund request.
/// </summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class BillingPageTests(ConsoleFixture fixture)
{
    private const string CheckoutPageOfTheDouble =
        "<!DOCTYPE html><html lang=\"en\"><head><title>Checkout</title></head><body><h1>Stripe Checkout (test double)</h1></body></html>";

    [Fact]
    public async Task A_top_up_goes_through_checkout_is_shown_on_return_and_credited_and_its_refund_is_pending()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/billing");
        var page = customer.Page;
        Assert.Equal("$0.00", await page.Locator("[data-balance=available]").InnerTextAsync());
        Assert.Contains("No balance changes yet", await page.Locator("#main").InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "billing");

        var sessionId = await StartTopUpAsync(page, "25");
        var checkout = CheckoutRequestOf(customer);
        Assert.Equal("2500", checkout.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal(sessionId, new Uri(page.Url).Segments[^1]);

        // Back from Checkout before Stripe's webhook: paid, but not confirmed yet.
        var successPath = ReturnPath(checkout.Form["success_url"], sessionId);
        Assert.StartsWith("/dashboard/billing?", successPath, StringComparison.Ordinal);
        await page.GotoAsync(successPath);
        var pending = page.Locator("[data-checkout=pending]");
        Assert.Contains("your payment of $25.00 is being confirmed", await pending.InnerTextAsync());
        Assert.Contains("balance updates as soon as Stripe confirms", await pending.InnerTextAsync());
        Assert.Equal("$0.00", await page.Locator("[data-balance=available]").InnerTextAsync());

        await DeliverAsync(fixture.StripeApi.Pay(sessionId));
        await page.GetByRole(AriaRole.Link, new() { Name = "Check again" }).ClickAsync();

        Assert.Equal("Payment received: $25.00 has been added to your balance.", await page.Locator("[data-checkout=paid]").InnerTextAsync());
        Assert.Equal("$25.00", await page.Locator("[data-balance=available]").InnerTextAsync());
        var topUpRow = page.Locator("tr[data-ledger-type=top_up]");
        Assert.Contains("Top-up", await topUpRow.InnerTextAsync());
        Assert.Contains("$25.00", await topUpRow.InnerTextAsync());
        Assert.Equal("$25.00", await page.Locator("[data-refundable]").InnerTextAsync());
        Assert.Equal("/terms/refunds", await page.GetByRole(AriaRole.Link, new() { Name = "Read the refund policy." }).GetAttributeAsync("href"));
        await ConsolePageChecks.CheckAsync(page, "billing-paid");

        // Everything refundable (the amount left empty), after the confirmation.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request a refund" }).ClickAsync();

        Assert.StartsWith("Refund of $25.00 requested.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        var refundRow = page.Locator("tr[data-refund]");
        Assert.Equal(1, await refundRow.CountAsync());
        Assert.Contains("Pending approval", await refundRow.InnerTextAsync());
        Assert.Equal("$0.00", await page.Locator("[data-balance=available]").InnerTextAsync());
        Assert.Equal("$25.00", await page.Locator("[data-balance=reserved]").InnerTextAsync());
        Assert.Contains("Nothing is refundable right now", await page.Locator("#main").InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "billing-refund");

        // The API sees the same refund: held, waiting for an operator.
        var refunds = await customer.Api.GetFromJsonNodeAsync("/api/v1/billing/refunds");
        var refund = Assert.Single(refunds["data"]!.AsArray())!;
        Assert.Equal("pending_approval", refund["status"]!.GetValue<string>());
        Assert.Equal(25m, decimal.Parse(refund["amount_usd"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((await refundRow.GetAttributeAsync("data-refund"))!, refund["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_on_checkout_returns_to_a_message_and_changes_nothing()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/billing");
        var page = customer.Page;
        var sessionId = await StartTopUpAsync(page, "10.50");
        var checkout = CheckoutRequestOf(customer);
        Assert.Equal("1050", checkout.Form["line_items[0][price_data][unit_amount]"]);

        await page.GotoAsync(ReturnPath(checkout.Form["cancel_url"], sessionId));

        Assert.Equal("Top-up cancelled: nothing was charged and your balance has not changed.",
            await page.Locator("[data-checkout=cancelled]").InnerTextAsync());
        Assert.Equal("$0.00", await page.Locator("[data-balance=available]").InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "billing-cancelled");
    }

    [Fact]
    public async Task The_page_is_in_chinese_for_a_chinese_browser_with_money_in_us_dollars()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/billing", locale: "zh-CN");
        await fixture.App.CreateAdminClient().CreditAsync(customer.AccountId, "7.5");
        await customer.Page.ReloadAsync();

        Assert.Equal("账单", await customer.Page.Locator("h1").InnerTextAsync());
        Assert.Equal("US$7.50", await customer.Page.Locator("[data-balance=available]").InnerTextAsync());
        Assert.Contains("OmniaKey 调整", await customer.Page.Locator("tr[data-ledger-type=adjustment]").InnerTextAsync());
        Assert.True(await customer.Page.GetByRole(AriaRole.Button, new() { Name = "前往付款" }).IsVisibleAsync());
        await ConsolePageChecks.CheckAsync(customer.Page, "billing-zh-Hans");
    }

    /// <summary>
    /// Fills in the top-up form and follows it to the checkout page (answered here, as the real one is Stripe's);
    /// returns the checkout session's id.
    /// </summary>
    private static async Task<string> StartTopUpAsync(IPage page, string amountUsd)
    {
        await page.RouteAsync("https://checkout.stripe.com/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = CheckoutPageOfTheDouble,
        }));
        await page.GetByLabel("Amount in US dollars").FillAsync(amountUsd);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith("https://checkout.stripe.com/c/pay/cs_test", StringComparison.Ordinal));
        Assert.Equal("Stripe Checkout (test double)", await page.Locator("h1").InnerTextAsync());
        return new Uri(page.Url).Segments[^1];
    }

    private StripeRequest CheckoutRequestOf(ConsoleCustomer customer) =>
        Assert.Single(fixture.StripeApi.Requests, r => r.Path == "/v1/checkout/sessions"
            && r.Form.GetValueOrDefault("client_reference_id") == customer.AccountId.ToString());

    /// <summary>Where Stripe sends the customer back, on this test's host: the configured URL's path and query, as Stripe fills it in.</summary>
    private static string ReturnPath(string configuredUrl, string sessionId) =>
        new Uri(configuredUrl.Replace("{CHECKOUT_SESSION_ID}", sessionId, StringComparison.Ordinal)).PathAndQuery;

    private async Task DeliverAsync(StripeEventJson stripeEvent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            Content = new StringContent(stripeEvent.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeWebhookSigner.Sign(stripeEvent.Payload, at: fixture.AppClock.GetUtcNow()));
        using var response = await fixture.App.CreateClient().SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.OK);
    }
}

internal static class JsonClientExtensions
{
    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonNodeAsync();
    }
}
