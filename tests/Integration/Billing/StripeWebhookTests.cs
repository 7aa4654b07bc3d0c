using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Contracts;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// <c>POST /webhooks/stripe</c> with payloads signed as Stripe signs them: crediting exactly once under duplicates
/// and concurrency, refusing bad or stale signatures, and coping with events out of order. On each database.
/// </summary>
public abstract class StripeWebhookTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    [Fact]
    public async Task Paid_session_credits_its_amount_total_and_records_the_payment()
    {
        var sessionId = await CheckoutAsync("25");
        var completed = StripeApi.Pay(sessionId, cardCountry: "DE");

        Assert.Equal("credited", await DeliverOkAsync(completed));

        Assert.Equal(Money.Parse("25"), await AvailableAsync());
        var entry = Assert.Single(await LedgerAsync());
        Assert.Equal("top_up", entry["type"]!.GetValue<string>());
        Assert.Equal("25", entry["amount_usd"]!.GetValue<string>());

        var topUp = await WithBillingDbAsync(db => db.TopUps.AsNoTracking().SingleAsync(t => t.CheckoutSessionId == sessionId));
        Assert.Equal(StripeApi.PaymentIntentOf(sessionId), topUp.PaymentId);
        Assert.Equal(StripeApi.ChargeOf(sessionId), topUp.ChargeId);
        Assert.Equal("DE", topUp.CardCountry);
        Assert.Equal(completed.Id, topUp.PaidByEventId);

        var observed = Assert.Single(Fixture.Events.OfType<PaymentCardCountryObservedIntegrationEvent>());
        Assert.Equal((AccountId, "DE", topUp.PaymentId, topUp.ChargeId), (observed.AccountId, observed.Country, observed.PaymentId, observed.ChargeId));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Redelivered_event_is_acknowledged_and_credits_nothing_more()
    {
        var completed = StripeApi.Pay(await CheckoutAsync("25"));

        Assert.Equal("credited", await DeliverOkAsync(completed));
        Assert.Equal("duplicate", await DeliverOkAsync(completed));
        Assert.Equal("duplicate", await DeliverOkAsync(completed));

        Assert.Equal(Money.Parse("25"), await AvailableAsync());
        Assert.Single(await LedgerOfTypeAsync("top_up"));
        Assert.Single(Fixture.Events.OfType<PaymentCardCountryObservedIntegrationEvent>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Ten_concurrent_deliveries_of_one_event_all_succeed_and_credit_once()
    {
        var completed = StripeApi.Pay(await CheckoutAsync("40"));

        var deliveries = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await DeliverAsync(completed);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(deliveries, d => Assert.True(d.StatusCode == HttpStatusCode.OK, $"{d.StatusCode}: {d.Body}"));
        Assert.Single(deliveries, d => d.Body.Contains("\"outcome\":\"credited\"", StringComparison.Ordinal));
        Assert.Equal(Money.Parse("40"), await AvailableAsync());
        Assert.Single(await LedgerOfTypeAsync("top_up"));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_different_event_for_an_already_credited_session_credits_nothing()
    {
        var sessionId = await CheckoutAsync("25");
        await DeliverOkAsync(StripeApi.Pay(sessionId));

        var again = StripeApi.SessionEvent(sessionId, "checkout.session.async_payment_succeeded");

        Assert.Equal("already_credited", await DeliverOkAsync(again));
        Assert.Equal(Money.Parse("25"), await AvailableAsync());
        Assert.Single(await LedgerOfTypeAsync("top_up"));
    }

    [Fact]
    public async Task Bad_signatures_are_rejected_with_400_and_change_nothing()
    {
        var completed = StripeApi.Pay(await CheckoutAsync("25"));
        var tampered = completed.Payload.Replace("\"amount_total\":2500", "\"amount_total\":250000", StringComparison.Ordinal);
        Assert.NotEqual(completed.Payload, tampered);

        (string Payload, string? Signature)[] attempts =
        [
            (completed.Payload, null),
            (completed.Payload, "garbage"),
            (completed.Payload, StripeWebhookSigner.Sign(completed.Payload, secret: "whsec_someone_else")),
            (tampered, StripeWebhookSigner.Sign(completed.Payload)),
        ];
        foreach (var (payload, signature) in attempts)
        {
            using var response = await PostWebhookAsync(payload, signature);
            await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        }

        Assert.Equal(Money.Zero, await AvailableAsync());
        Assert.Equal(0, await WithBillingDbAsync(db => db.PaymentEvents.CountAsync()));
    }

    [Fact]
    public async Task Stale_signature_is_rejected_and_the_same_event_freshly_signed_is_accepted()
    {
        var completed = StripeApi.Pay(await CheckoutAsync("25"));

        using (var stale = await PostWebhookAsync(completed.Payload, StripeWebhookSigner.Sign(completed.Payload, at: DateTimeOffset.UtcNow.AddMinutes(-6))))
        {
            await stale.AssertStatusAsync(HttpStatusCode.BadRequest);
        }

        Assert.Equal(Money.Zero, await AvailableAsync());
        Assert.Equal(0, await WithBillingDbAsync(db => db.PaymentEvents.CountAsync()));

        using (var recent = await PostWebhookAsync(completed.Payload, StripeWebhookSigner.Sign(completed.Payload, at: DateTimeOffset.UtcNow.AddMinutes(-4))))
        {
            await recent.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.Equal(Money.Parse("25"), await AvailableAsync());
    }

    [Fact]
    public async Task Session_not_created_by_OmniaKey_is_acknowledged_and_ignored()
    {
        var foreign = StripeApi.PayForeignSession(amountCents: 10_000);

        Assert.Equal("unknown_session", await DeliverOkAsync(foreign));
        Assert.Equal("duplicate", await DeliverOkAsync(foreign));

        Assert.Equal(Money.Zero, await AvailableAsync());
        Assert.Equal(0, await WithBillingDbAsync(db => db.LedgerEntries.CountAsync()));
    }

    [Fact]
    public async Task Unpaid_completion_credits_nothing_until_the_delayed_payment_succeeds()
    {
        var sessionId = await CheckoutAsync("30");

        Assert.Equal("not_paid", await DeliverOkAsync(StripeApi.CompleteUnpaid(sessionId)));
        Assert.Equal(Money.Zero, await AvailableAsync());

        StripeApi.SettleDelayedPayment(sessionId);
        Assert.Equal("credited", await DeliverOkAsync(StripeApi.SessionEvent(sessionId, "checkout.session.async_payment_succeeded")));
        Assert.Equal(Money.Parse("30"), await AvailableAsync());
    }

    [Fact]
    public async Task Refund_made_at_Stripe_is_taken_from_the_balance_once_per_refund()
    {
        var sessionId = await CheckoutAsync("25");
        await DeliverOkAsync(StripeApi.Pay(sessionId));
        var paymentIntent = StripeApi.PaymentIntentOf(sessionId);

        var firstRefund = StripeApi.Refund(paymentIntent, 1000);
        Assert.Equal("refunds_recorded", await DeliverOkAsync(firstRefund));
        Assert.Equal("duplicate", await DeliverOkAsync(firstRefund));
        Assert.Equal(Money.Parse("15"), await AvailableAsync());

        // A second partial refund: its event lists both refunds, and only the new one moves money.
        Assert.Equal("refunds_recorded", await DeliverOkAsync(StripeApi.Refund(paymentIntent, 500)));
        Assert.Equal(Money.Parse("10"), await AvailableAsync());

        // A refund OmniaKey's own refund flow made is already accounted for by that flow.
        Assert.Equal("no_new_refunds", await DeliverOkAsync(StripeApi.Refund(paymentIntent, 300, byOmniaKey: true)));
        Assert.Equal(Money.Parse("10"), await AvailableAsync());

        Assert.Equal(["-5", "-10"], (await LedgerOfTypeAsync("refund")).Select(e => e["amount_usd"]!.GetValue<string>()));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Refund_of_money_already_spent_takes_only_what_the_balance_holds()
    {
        var sessionId = await CheckoutAsync("25");
        await DeliverOkAsync(StripeApi.Pay(sessionId));
        await DeliverOkAsync(StripeApi.Refund(StripeApi.PaymentIntentOf(sessionId), 2000));
        Assert.Equal(Money.Parse("5"), await AvailableAsync());

        await DeliverOkAsync(StripeApi.Refund(StripeApi.PaymentIntentOf(sessionId), 1000));

        Assert.Equal(Money.Zero, await AvailableAsync());
        var refunds = await WithBillingDbAsync(db => db.PaymentRefunds.AsNoTracking().OrderBy(r => r.AmountCents).ToListAsync());
        Assert.Equal([Money.Parse("5"), Money.Parse("20")], refunds.Select(r => r.Collected));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Refund_delivered_before_the_completion_is_applied_when_the_completion_arrives()
    {
        var sessionId = await CheckoutAsync("25");
        var completed = StripeApi.Pay(sessionId);
        var refunded = StripeApi.Refund(StripeApi.PaymentIntentOf(sessionId), 1000);

        Assert.Equal("unmatched_payment", await DeliverOkAsync(refunded));
        Assert.Equal(Money.Zero, await AvailableAsync());

        Assert.Equal("credited", await DeliverOkAsync(completed));
        Assert.Equal(Money.Parse("15"), await AvailableAsync());

        // Stripe retries nothing here (both got 2xx); a late redelivery of the refund changes nothing either.
        Assert.Equal("duplicate", await DeliverOkAsync(refunded));
        Assert.Equal(Money.Parse("15"), await AvailableAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Dispute_claws_back_up_to_the_available_balance_and_flags_the_account()
    {
        var sessionId = await CheckoutAsync("25");
        await DeliverOkAsync(StripeApi.Pay(sessionId));
        var paymentIntent = StripeApi.PaymentIntentOf(sessionId);
        await DeliverOkAsync(StripeApi.Refund(paymentIntent, 1000));
        Assert.Equal(Money.Parse("15"), await AvailableAsync());

        var disputed = StripeApi.Dispute(paymentIntent, 2500);
        Assert.Equal("dispute_recorded", await DeliverOkAsync(disputed));

        Assert.Equal(Money.Zero, await AvailableAsync());
        var chargeback = Assert.Single(await LedgerOfTypeAsync("chargeback"));
        Assert.Equal("-15", chargeback["amount_usd"]!.GetValue<string>());

        using var flags = await Admin.GetAsync($"/admin/v1/billing/disputes?account_id={AccountId}");
        await flags.AssertStatusAsync(HttpStatusCode.OK);
        var flag = Assert.Single((await flags.ReadJsonNodeAsync())["data"]!.AsArray())!;
        Assert.Equal(AccountId.ToString(), flag["account_id"]!.GetValue<string>());
        Assert.Equal(("25", "15", "10"), (flag["amount_usd"]!.GetValue<string>(), flag["clawed_back_usd"]!.GetValue<string>(), flag["uncollected_usd"]!.GetValue<string>()));
        Assert.Equal("fraudulent", flag["reason"]!.GetValue<string>());

        var published = Assert.Single(Fixture.Events.OfType<PaymentDisputedIntegrationEvent>());
        Assert.Equal((AccountId, "25", "15"), (published.AccountId, published.DisputedUsd, published.ClawedBackUsd));

        // New money after the dispute is not clawed back again by a redelivery.
        await Admin.CreditAsync(AccountId, "5");
        Assert.Equal("duplicate", await DeliverOkAsync(disputed));
        Assert.Equal(Money.Parse("5"), await AvailableAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Dispute_delivered_before_the_completion_is_clawed_back_when_the_completion_arrives()
    {
        var sessionId = await CheckoutAsync("25");
        var completed = StripeApi.Pay(sessionId);
        var disputed = StripeApi.Dispute(StripeApi.PaymentIntentOf(sessionId), 2500);

        Assert.Equal("unmatched_payment", await DeliverOkAsync(disputed));
        Assert.Equal("credited", await DeliverOkAsync(completed));

        Assert.Equal(Money.Zero, await AvailableAsync());
        Assert.Equal("-25", Assert.Single(await LedgerOfTypeAsync("chargeback"))["amount_usd"]!.GetValue<string>());
        Assert.Single(Fixture.Events.OfType<PaymentDisputedIntegrationEvent>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Other_event_types_are_acknowledged_and_recorded()
    {
        var other = StripeApi.Other("customer.created", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_123", ["object"] = "customer" });

        Assert.Equal("ignored", await DeliverOkAsync(other));
        Assert.Equal("duplicate", await DeliverOkAsync(other));
        var recorded = await WithBillingDbAsync(db => db.PaymentEvents.AsNoTracking().SingleAsync());
        Assert.Equal(("customer.created", "cus_123", "ignored"), (recorded.Type, recorded.ObjectId, recorded.Outcome));
    }
}

public sealed class SqliteStripeWebhookTests(SqliteBillingFixture fixture)
    : StripeWebhookTests<SqliteBillingFixture>(fixture), IClassFixture<SqliteBillingFixture>;

public sealed class PostgresStripeWebhookTests(PostgresBillingFixture fixture)
    : StripeWebhookTests<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>;
