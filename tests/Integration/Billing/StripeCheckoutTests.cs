using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary><c>POST /api/v1/billing/checkout</c> against the fake Stripe API, on each database.</summary>
public abstract class StripeCheckoutTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    [Fact]
    public async Task Checkout_creates_a_usd_session_for_the_account_and_records_it()
    {
        using var response = await Customer.PostJsonAsync("/api/v1/billing/checkout", new { amount_usd = "25.50" });

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var body = await response.ReadJsonNodeAsync();
        var sessionId = body["session_id"]!.GetValue<string>();
        Assert.StartsWith("cs_test_", sessionId, StringComparison.Ordinal);
        Assert.Equal($"https://checkout.stripe.com/c/pay/{sessionId}", body["checkout_url"]!.GetValue<string>());

        var call = Assert.Single(StripeApi.Requests);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v1/checkout/sessions", call.Path);
        Assert.Equal($"Bearer {FakeStripeServer.SecretKey}", call.Headers["Authorization"]);
        Assert.False(string.IsNullOrEmpty(call.Headers.GetValueOrDefault("Idempotency-Key")));
        Assert.Equal("payment", call.Form["mode"]);
        Assert.Equal("usd", call.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("2550", call.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("1", call.Form["line_items[0][quantity]"]);
        Assert.Equal(AccountId.ToString(), call.Form["client_reference_id"]);
        Assert.Equal(AccountId.ToString(), call.Form["metadata[account_id]"]);
        Assert.Equal(AccountId.ToString(), call.Form["payment_intent_data[metadata][account_id]"]);

        var recorded = await WithBillingDbAsync(db => db.TopUps.AsNoTracking().SingleAsync(t => t.CheckoutSessionId == sessionId));
        Assert.Equal(AccountId, recorded.AccountId);
        Assert.Equal(2550, recorded.AmountCents);
        Assert.Equal("0", (await Customer.GetBalanceAsync()).Available);
    }

    [Theory]
    [InlineData("4.99")]
    [InlineData("500.01")]
    [InlineData("10.005")]
    [InlineData("-10")]
    [InlineData("ten")]
    [InlineData("")]
    public async Task Checkout_refuses_amounts_outside_the_limits_or_not_in_whole_cents(string amount)
    {
        using var response = await Customer.PostJsonAsync("/api/v1/billing/checkout", new { amount_usd = amount });

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonNodeAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("amount_usd"), errors.ToJsonString());
        Assert.Empty(StripeApi.Requests);
    }

    [Fact]
    public async Task Checkout_accepts_the_configured_minimum_and_maximum()
    {
        await CheckoutAsync("5");
        await CheckoutAsync("500");

        Assert.Equal(["500", "50000"], StripeApi.Requests.Select(r => r.Form["line_items[0][price_data][unit_amount]"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Checkout_needs_a_customer_session()
    {
        using var anonymous = await Fixture.App.CreateClient().PostJsonAsync("/api/v1/billing/checkout", new { amount_usd = "25" });
        await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(StripeApi.Requests);
    }
}

public sealed class SqliteStripeCheckoutTests(SqliteBillingFixture fixture)
    : StripeCheckoutTests<SqliteBillingFixture>(fixture), IClassFixture<SqliteBillingFixture>;

public sealed class PostgresStripeCheckoutTests(PostgresBillingFixture fixture)
    : StripeCheckoutTests<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>;
