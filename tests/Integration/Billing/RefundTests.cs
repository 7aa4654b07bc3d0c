using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Domain.Refunds;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// Refunds end to end: request (held at once) → operator decision → the refund job against the fake Stripe API →
/// provider refunds recorded → ledger and balance, with Stripe failures, retries and final failures. On each database.
/// </summary>
public abstract class RefundTests<TFixture>(TFixture fixture) : RefundTestBase<TFixture>(fixture)
    where TFixture : RefundFixture
{
    [Fact]
    public async Task Refund_of_everything_is_held_at_once_and_after_approval_the_job_refunds_the_charge_once()
    {
        var paymentIntent = await TopUpAsync("25");
        await Admin.CreditAsync(AccountId, "0.004");

        var requested = await RequestRefundOkAsync();
        var id = IdOf(requested);
        Assert.Equal(("25", "pending_approval"), (requested["amount_usd"]!.GetValue<string>(), requested["status"]!.GetValue<string>()));
        Assert.Equal((Money.Parse("0.004"), Money.Parse("25")), await BalanceAsync());
        Assert.Empty(RefundCreations());
        Assert.Empty(EnqueuedRefundJobs(id));
        await AssertLedgerBalancedAsync();

        Assert.Equal("approved", (await DecideAsync(id, "approve"))["status"]!.GetValue<string>());
        Assert.Equal([id], EnqueuedRefundJobs(id));
        using (var read = await Admin.GetAsync($"/admin/v1/refunds/{id}"))
        {
            Assert.Equal("approved", (await read.ReadJsonNodeAsync())["status"]!.GetValue<string>());
        }

        using (var trail = await Admin.GetAsync($"/admin/v1/audit?action=refunds.approve&target_id={id}"))
        {
            var entry = Assert.Single((await trail.ReadJsonNodeAsync())["data"]!.AsArray())!;
            Assert.Equal(("pending_approval", "approved"), (entry["before"]!["status"]!.GetValue<string>(), entry["after"]!["status"]!.GetValue<string>()));
        }

        await RunRefundJobAsync(id);

        var atStripe = Assert.Single(StripeApi.RefundsOf(paymentIntent));
        Assert.Equal((2500L, id.ToString()), (atStripe.AmountCents, atStripe.OmniaKeyRefundId));
        var creation = Assert.Single(RefundCreations());
        Assert.Equal(atStripe.ChargeId, creation.Form["charge"]);
        Assert.StartsWith($"omniakey-refund-{id:N}-{atStripe.ChargeId}-", creation.Headers["Idempotency-Key"], StringComparison.Ordinal);
        var part = Assert.Single(await WithBillingDbAsync(db => db.Set<RefundPart>().AsNoTracking().Where(p => p.RefundId == id).ToListAsync()));
        Assert.Equal((atStripe.Id, 2500L), (part.Id, part.AmountCents));

        var refund = await RefundAsync(id);
        Assert.Equal(("succeeded", "25", 1), (refund["status"]!.GetValue<string>(), refund["refunded_usd"]!.GetValue<string>(), refund["attempts"]!.GetValue<int>()));
        Assert.Equal((Money.Parse("0.004"), Money.Zero), await BalanceAsync());
        Assert.Equal("-25", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();

        // Running the job again, the sweep, or Stripe's charge.refunded event for this refund moves nothing more.
        await RunRefundJobAsync(id);
        await RunSweepAsync();
        Assert.Equal("no_new_refunds", await DeliverOkAsync(StripeApi.ChargeRefundedEvent(paymentIntent)));
        Assert.Single(RefundCreations());
        Assert.Equal((Money.Parse("0.004"), Money.Zero), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Partial_refund_takes_what_was_asked_and_a_later_request_takes_the_rest()
    {
        var paymentIntent = await TopUpAsync("25");

        var first = await RequestRefundOkAsync("10");
        Assert.Equal("10", first["amount_usd"]!.GetValue<string>());
        Assert.Equal((Money.Parse("15"), Money.Parse("10")), await BalanceAsync());
        await DecideAsync(IdOf(first), "approve");
        await RunRefundJobAsync(IdOf(first));
        Assert.Equal((Money.Parse("15"), Money.Zero), await BalanceAsync());

        // No body at all asks for everything refundable, like an empty one.
        using var restResponse = await Customer.PostAsync("/api/v1/billing/refunds", null);
        await restResponse.AssertStatusAsync(HttpStatusCode.Created);
        var rest = await restResponse.ReadJsonNodeAsync();
        Assert.Equal("15", rest["amount_usd"]!.GetValue<string>());
        await DecideAsync(IdOf(rest), "approve");
        await RunRefundJobAsync(IdOf(rest));

        Assert.Equal([1000L, 1500L], StripeApi.RefundsOf(paymentIntent).Select(r => r.AmountCents));
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        Assert.Equal(["-15", "-10"], (await LedgerOfTypeAsync("refund")).Select(e => e["amount_usd"]!.GetValue<string>()));
        using (var nothingLeft = await RequestRefundAsync())
        {
            await AssertAmountRefusedAsync(nothingLeft);
        }

        await AssertLedgerBalancedAsync();
    }

    [Theory]
    [InlineData("5.01")]
    [InlineData("25")]
    [InlineData("1.001")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task More_than_refundable_or_not_whole_cents_is_400_naming_amount_usd_and_holds_nothing(string amountUsd)
    {
        await TopUpAsync("25");
        await SpendAsync("20");

        using var response = await RequestRefundAsync(amountUsd);

        await AssertAmountRefusedAsync(response);
        Assert.Equal((Money.Parse("5"), Money.Zero), await BalanceAsync());
        using var list = await Customer.GetAsync("/api/v1/billing/refunds");
        Assert.Empty((await list.ReadJsonNodeAsync())["data"]!.AsArray());

        // Never more than available: what is left of the paid money is refundable.
        Assert.Equal("5", (await RequestRefundOkAsync())["amount_usd"]!.GetValue<string>());
    }

    [Fact]
    public async Task Promotional_credit_is_not_refundable_and_money_never_paid_counts_as_spent_first()
    {
        var paymentIntent = await TopUpAsync("25");
        await PromotionalCreditAsync("10");
        await SpendAsync("8");
        Assert.Equal((Money.Parse("27"), Money.Zero), await BalanceAsync());

        using (var tooMuch = await RequestRefundAsync("25.01"))
        {
            await AssertAmountRefusedAsync(tooMuch);
        }

        var refund = await RequestRefundOkAsync();
        Assert.Equal("25", refund["amount_usd"]!.GetValue<string>());
        await DecideAsync(IdOf(refund), "approve");
        await RunRefundJobAsync(IdOf(refund));

        Assert.Equal(2500L, Assert.Single(StripeApi.RefundsOf(paymentIntent)).AmountCents);
        Assert.Equal((Money.Parse("2"), Money.Zero), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Credit_that_was_never_paid_alone_is_not_refundable()
    {
        await PromotionalCreditAsync("10");
        await Admin.CreditAsync(AccountId, "10");

        using var response = await RequestRefundAsync();

        await AssertAmountRefusedAsync(response);
        Assert.Equal((Money.Parse("20"), Money.Zero), await BalanceAsync());
    }

    [Fact]
    public async Task Denial_returns_the_hold_once_and_nothing_reaches_Stripe()
    {
        await TopUpAsync("25");
        var id = IdOf(await RequestRefundOkAsync("20"));
        Assert.Equal((Money.Parse("5"), Money.Parse("20")), await BalanceAsync());

        Assert.Equal("denied", (await DecideAsync(id, "deny"))["status"]!.GetValue<string>());
        Assert.Equal((Money.Parse("25"), Money.Zero), await BalanceAsync());

        Assert.Equal("denied", (await DecideAsync(id, "deny"))["status"]!.GetValue<string>());
        await DecideAsync(id, "approve", HttpStatusCode.Conflict);
        await DecideAsync(Guid.NewGuid(), "deny", HttpStatusCode.NotFound);
        await RunRefundJobAsync(id);
        await RunSweepAsync();

        Assert.Equal((Money.Parse("25"), Money.Zero), await BalanceAsync());
        Assert.Empty(RefundCreations());
        Assert.Empty(await LedgerOfTypeAsync("refund"));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Stripe_failure_keeps_the_refund_approved_and_held_and_the_retry_refunds_it_with_a_fresh_key()
    {
        var paymentIntent = await TopUpAsync("25");
        var id = IdOf(await RequestRefundOkAsync());
        StripeApi.FailNextRefunds(1, statusCode: 500);
        await DecideAsync(id, "approve");

        await RunRefundJobAsync(id);

        var waiting = await RefundAsync(id);
        Assert.Equal(("approved", 1), (waiting["status"]!.GetValue<string>(), waiting["attempts"]!.GetValue<int>()));
        Assert.Contains("500", waiting["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(StripeApi.RefundsOf(paymentIntent));
        Assert.Equal((Money.Zero, Money.Parse("25")), await BalanceAsync());
        await AssertLedgerBalancedAsync();

        // The retry waits for its back-off: a sweep right away leaves it alone.
        await RunSweepAsync();
        Assert.Single(RefundCreations());

        await MakeRetryDueAsync(id);
        await RunSweepAsync();

        var refund = await RefundAsync(id);
        Assert.Equal(("succeeded", "25", 2), (refund["status"]!.GetValue<string>(), refund["refunded_usd"]!.GetValue<string>(), refund["attempts"]!.GetValue<int>()));
        Assert.Equal(2500L, Assert.Single(StripeApi.RefundsOf(paymentIntent)).AmountCents);

        // Stripe replays a stored answer, even a 500, to a reused idempotency key: each attempt needs its own.
        var keys = RefundCreations().Select(r => r.Headers["Idempotency-Key"]).ToList();
        Assert.Equal(2, keys.Count);
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        Assert.Equal("-25", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Transient_failures_until_the_attempts_run_out_fail_the_refund_and_return_the_hold()
    {
        var paymentIntent = await TopUpAsync("25");
        var id = IdOf(await RequestRefundOkAsync("20"));
        StripeApi.FailNextRefunds(100, statusCode: 503);
        await DecideAsync(id, "approve");

        await RunRefundJobAsync(id);
        for (var attempt = 2; attempt <= RefundFixture.MaxAttempts; attempt++)
        {
            Assert.Equal("approved", await StatusOfAsync(id));
            await MakeRetryDueAsync(id);
            await RunSweepAsync();
        }

        var failed = await RefundAsync(id);
        Assert.Equal(("failed", "0", RefundFixture.MaxAttempts), (failed["status"]!.GetValue<string>(), failed["refunded_usd"]!.GetValue<string>(), failed["attempts"]!.GetValue<int>()));
        Assert.Contains($"Gave up after {RefundFixture.MaxAttempts} attempts", failed["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(RefundFixture.MaxAttempts, RefundCreations().Count);
        Assert.Empty(StripeApi.RefundsOf(paymentIntent));
        Assert.Equal((Money.Parse("25"), Money.Zero), await BalanceAsync());
        Assert.Empty(await LedgerOfTypeAsync("refund"));
        await AssertLedgerBalancedAsync();

        await MakeRetryDueAsync(id);
        await RunSweepAsync();
        Assert.Equal(RefundFixture.MaxAttempts, RefundCreations().Count);
    }

    [Fact]
    public async Task Charge_that_Stripe_refuses_fails_the_refund_and_returns_the_hold()
    {
        var paymentIntent = await TopUpAsync("25");
        var id = IdOf(await RequestRefundOkAsync());
        await DecideAsync(id, "approve");

        // Meanwhile someone refunds the whole payment in the Stripe dashboard; its webhook has not arrived yet.
        var dashboardRefund = StripeApi.Refund(paymentIntent, 2500);
        await RunRefundJobAsync(id);

        var failed = await RefundAsync(id);
        Assert.Equal(("failed", "0", 1), (failed["status"]!.GetValue<string>(), failed["refunded_usd"]!.GetValue<string>(), failed["attempts"]!.GetValue<int>()));
        Assert.Contains("charge_already_refunded", failed["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((Money.Parse("25"), Money.Zero), await BalanceAsync());

        // The late webhook then takes the dashboard refund from the balance, once.
        Assert.Equal("refunds_recorded", await DeliverOkAsync(dashboardRefund));
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        Assert.Equal("-25", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Refund_is_split_across_charges_newest_first()
    {
        var older = await TopUpAsync("20");
        var newer = await TopUpAsync("30");

        var id = IdOf(await RequestRefundOkAsync("40"));
        await DecideAsync(id, "approve");
        await RunRefundJobAsync(id);

        Assert.Equal([3000L], StripeApi.RefundsOf(newer).Select(r => r.AmountCents));
        Assert.Equal([1000L], StripeApi.RefundsOf(older).Select(r => r.AmountCents));
        Assert.Equal(
            [StripeApi.RefundsOf(newer)[0].ChargeId, StripeApi.RefundsOf(older)[0].ChargeId],
            RefundCreations().Select(r => r.Form["charge"]));
        var refund = await RefundAsync(id);
        Assert.Equal(("succeeded", "40"), (refund["status"]!.GetValue<string>(), refund["refunded_usd"]!.GetValue<string>()));
        Assert.Equal("-40", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        Assert.Equal((Money.Parse("10"), Money.Zero), await BalanceAsync());

        var rest = IdOf(await RequestRefundOkAsync());
        await DecideAsync(rest, "approve");
        await RunRefundJobAsync(rest);
        Assert.Equal([1000L, 1000L], StripeApi.RefundsOf(older).Select(r => r.AmountCents));
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Failure_on_the_second_charge_keeps_the_first_charges_refund_and_the_retry_refunds_only_the_rest()
    {
        var older = await TopUpAsync("20");
        var newer = await TopUpAsync("30");
        var olderCharge = await ChargeOfAsync(older);
        var id = IdOf(await RequestRefundOkAsync("40"));
        StripeApi.FailNextRefunds(1, statusCode: 500, chargeId: olderCharge);
        await DecideAsync(id, "approve");

        await RunRefundJobAsync(id);

        Assert.Equal("approved", await StatusOfAsync(id));
        Assert.Equal([3000L], StripeApi.RefundsOf(newer).Select(r => r.AmountCents));
        Assert.Empty(StripeApi.RefundsOf(older));
        Assert.Equal((Money.Parse("10"), Money.Parse("40")), await BalanceAsync());

        await MakeRetryDueAsync(id);
        await RunSweepAsync();

        Assert.Equal("succeeded", await StatusOfAsync(id));
        Assert.Equal([3000L], StripeApi.RefundsOf(newer).Select(r => r.AmountCents));
        Assert.Equal([1000L], StripeApi.RefundsOf(older).Select(r => r.AmountCents));
        Assert.Equal((Money.Parse("10"), Money.Zero), await BalanceAsync());
        Assert.Equal("-40", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Refunds_of_one_account_are_processed_one_at_a_time()
    {
        var paymentIntent = await TopUpAsync("25");
        var first = IdOf(await RequestRefundOkAsync("10"));
        var second = IdOf(await RequestRefundOkAsync("15"));
        await DecideAsync(first, "approve");
        await DecideAsync(second, "approve");

        // A worker has claimed the first (processing, leased) and is still talking to Stripe.
        await WithBillingDbAsync(db => db.Set<Refund>().Where(r => r.Id == first).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, RefundStatus.Processing)
            .SetProperty(r => r.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(10))));
        await RunRefundJobAsync(second);

        Assert.Equal("approved", await StatusOfAsync(second));
        Assert.Empty(RefundCreations());

        // The first one's worker died; once its lease runs out the sweep finishes both.
        await MakeRetryDueAsync(first);
        await RunSweepAsync();

        Assert.Equal(("succeeded", "succeeded"), (await StatusOfAsync(first), await StatusOfAsync(second)));
        Assert.Equal([1000L, 1500L], StripeApi.RefundsOf(paymentIntent).Select(r => r.AmountCents));
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Same_idempotency_key_returns_the_first_refund_and_concurrent_requests_hold_no_more_than_was_paid()
    {
        await TopUpAsync("25");
        var first = await RequestWithKeyAsync("10", "refund-1");
        var again = await RequestWithKeyAsync("10", "refund-1");
        Assert.Equal(IdOf(first), IdOf(again));
        Assert.Equal((Money.Parse("15"), Money.Parse("10")), await BalanceAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await RequestRefundAsync();
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        var created = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Contains("\"amount_usd\":\"15\"", created.Body, StringComparison.Ordinal);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Equal((Money.Zero, Money.Parse("25")), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Concurrent_requests_never_claim_more_than_was_paid_even_when_the_balance_covers_them()
    {
        await TopUpAsync("25");
        await PromotionalCreditAsync("30");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await RequestRefundAsync("20");
            return response.StatusCode;
        }));

        Assert.Single(answers, a => a == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.BadRequest, a));
        Assert.Equal((Money.Parse("35"), Money.Parse("20")), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Lists_page_newest_first_customers_see_only_their_own_and_operators_filter_by_status()
    {
        await TopUpAsync("25");
        var a = IdOf(await RequestRefundOkAsync("1"));
        var b = IdOf(await RequestRefundOkAsync("2"));
        var c = IdOf(await RequestRefundOkAsync("3"));
        await DecideAsync(b, "deny");

        using (var page1 = await Customer.GetAsync("/api/v1/billing/refunds?limit=2"))
        {
            var body = await page1.ReadJsonNodeAsync();
            Assert.Equal([c, b], body["data"]!.AsArray().Select(r => IdOf(r!)));
            var cursor = body["next_cursor"]!.GetValue<string>();
            using var page2 = await Customer.GetAsync($"/api/v1/billing/refunds?limit=2&cursor={Uri.EscapeDataString(cursor)}");
            var second = await page2.ReadJsonNodeAsync();
            Assert.Equal([a], second["data"]!.AsArray().Select(r => IdOf(r!)));
            Assert.Null(second["next_cursor"]?.GetValue<string>());
        }

        var (_, other) = await SignUpAsync();
        using (var theirs = await other.GetAsync("/api/v1/billing/refunds"))
        {
            Assert.Empty((await theirs.ReadJsonNodeAsync())["data"]!.AsArray());
        }

        using (var pending = await Admin.GetAsync($"/admin/v1/refunds?status=pending_approval&account_id={AccountId}"))
        {
            await pending.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal([c, a], (await pending.ReadJsonNodeAsync())["data"]!.AsArray().Select(r => IdOf(r!)));
        }

        using var bogus = await Admin.GetAsync("/admin/v1/refunds?status=bogus");
        await bogus.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.True((await bogus.ReadJsonNodeAsync())["errors"]!.AsObject().ContainsKey("status"));
    }

    private async Task<JsonNode> RequestWithKeyAsync(string amountUsd, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/billing/refunds")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { amount_usd = amountUsd }, options: ApiClientExtensions.Json),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Customer.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonNodeAsync();
    }

    /// <summary>The charge of a paid top-up, as the payment's webhook recorded it.</summary>
    private Task<string> ChargeOfAsync(string paymentIntent) =>
        WithBillingDbAsync(db => db.TopUps.AsNoTracking().Where(t => t.PaymentId == paymentIntent).Select(t => t.ChargeId!).SingleAsync());

    private static async Task AssertAmountRefusedAsync(HttpResponseMessage response)
    {
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var body = await response.ReadJsonNodeAsync();
        Assert.True(body["errors"]?.AsObject().ContainsKey("amount_usd") == true, body.ToJsonString());
    }
}

public sealed class SqliteRefundTests(SqliteRefundFixture fixture)
    : RefundTests<SqliteRefundFixture>(fixture), IClassFixture<SqliteRefundFixture>;

public sealed class PostgresRefundTests(PostgresRefundFixture fixture)
    : RefundTests<PostgresRefundFixture>(fixture), IClassFixture<PostgresRefundFixture>;
