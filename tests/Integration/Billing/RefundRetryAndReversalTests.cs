using System.Net;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// Issue 9, point 7, on a fake clock: a refund retry is scheduled in Hangfire for its <c>next_attempt_at</c> (and runs
/// then, not at the next sweep); <c>refund.failed</c> gives the amount back and fails the refund; a won dispute gives
/// back what its chargeback took, once. Every step checks the exact balance, ledger and reconciliation.
/// </summary>
public abstract class RefundRetryAndReversalTests<TFixture>(TFixture fixture) : RefundTestBase<TFixture>(fixture)
    where TFixture : RefundFixture
{
    private FakeTimeProviderClock Clock => new(Fixture.Clock);

    [Fact]
    public async Task Refund_with_three_Stripe_500s_runs_at_each_next_attempt_at_and_succeeds_at_the_fourth_attempt()
    {
        Clock.AdvanceToWholeSecond();
        var paymentIntent = await TopUpAsync("25");
        var id = IdOf(await RequestRefundOkAsync());
        StripeApi.FailNextRefunds(3, statusCode: 500);
        await DecideAsync(id, "approve");
        var approvedAt = Clock.Now;

        await RunRefundJobAsync(id);

        // Back-off 1, 2, 4 minutes: each failed attempt schedules the job for exactly its next_attempt_at.
        var expected = new List<DateTimeOffset>();
        var attemptAt = approvedAt;
        foreach (var delay in new[] { 1, 2, 4 })
        {
            var waiting = await RefundAsync(id);
            Assert.Equal(("approved", expected.Count + 1), (waiting["status"]!.GetValue<string>(), waiting["attempts"]!.GetValue<int>()));
            var nextAttemptAt = waiting["next_attempt_at"]!.GetValue<DateTimeOffset>();
            Assert.Equal(attemptAt + TimeSpan.FromMinutes(delay), nextAttemptAt);
            expected.Add(nextAttemptAt);
            var scheduled = ScheduledRefundJobs(id);
            Assert.Equal(expected.Count, scheduled.Count);
            Assert.All(scheduled.Zip(expected), pair => Assert.InRange(pair.First, pair.Second - TimeSpan.FromSeconds(1), pair.Second + TimeSpan.FromSeconds(1)));
            Assert.Equal((Money.Zero, Money.Parse("25")), await BalanceAsync());

            // One second early, the scheduled job finds nothing due and calls nobody.
            Clock.AdvanceTo(nextAttemptAt - TimeSpan.FromSeconds(1));
            var calls = RefundCreations().Count;
            await RunRefundJobAsync(id);
            Assert.Equal(calls, RefundCreations().Count);
            Assert.Equal(expected.Count, (await RefundAsync(id))["attempts"]!.GetValue<int>());

            // On time, it runs the next attempt.
            Clock.AdvanceTo(nextAttemptAt);
            attemptAt = nextAttemptAt;
            await RunRefundJobAsync(id);
        }

        var refund = await RefundAsync(id);
        Assert.Equal(("succeeded", "25", 4), (refund["status"]!.GetValue<string>(), refund["refunded_usd"]!.GetValue<string>(), refund["attempts"]!.GetValue<int>()));
        Assert.Equal(approvedAt + TimeSpan.FromMinutes(7), refund["completed_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(4, RefundCreations().Count);
        Assert.Equal(2500L, Assert.Single(StripeApi.RefundsOf(paymentIntent)).AmountCents);
        Assert.Equal(3, ScheduledRefundJobs(id).Count);
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        Assert.Equal("-25", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Retry_whose_command_rolls_back_schedules_nothing()
    {
        await TopUpAsync("25");
        var id = IdOf(await RequestRefundOkAsync());
        StripeApi.FailNextRefunds(1, statusCode: 500);
        await DecideAsync(id, "approve");

        // The attempt runs inside an outer unit of work that then fails: the retry, and its schedule, roll back.
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<ProcessRefundJob>();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => unitOfWork.RunAsync<bool>(
                async () =>
                {
                    await job.RunAsync(id, CancellationToken.None);
                    throw new InvalidOperationException("rolled back");
                },
                CancellationToken.None));
        }

        Assert.Single(RefundCreations());
        var refund = await RefundAsync(id);
        Assert.Equal(("approved", 0), (refund["status"]!.GetValue<string>(), refund["attempts"]!.GetValue<int>()));
        Assert.Empty(ScheduledRefundJobs(id));
        Assert.Equal((Money.Zero, Money.Parse("25")), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Refund_failed_after_success_returns_the_amount_once_marks_the_refund_failed_and_the_charge_is_refundable_again()
    {
        var paymentIntent = await TopUpAsync("25");
        var id = IdOf(await RequestRefundOkAsync("20"));
        await DecideAsync(id, "approve");
        await RunRefundJobAsync(id);
        Assert.Equal("succeeded", await StatusOfAsync(id));
        Assert.Equal((Money.Parse("5"), Money.Zero), await BalanceAsync());
        var stripeRefund = Assert.Single(StripeApi.RefundsOf(paymentIntent));

        var failed = StripeApi.FailRefund(stripeRefund.Id);
        Assert.Equal("refund_failure_recorded", await DeliverOkAsync(failed));

        var refund = await RefundAsync(id);
        Assert.Equal(("failed", "0"), (refund["status"]!.GetValue<string>(), refund["refunded_usd"]!.GetValue<string>()));
        Assert.Contains(stripeRefund.Id, refund["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("expired_or_canceled_card", refund["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        var part = Assert.Single(await WithBillingDbAsync(db => db.Set<RefundPart>().AsNoTracking().Where(p => p.RefundId == id).ToListAsync()));
        Assert.Equal("failed", part.ProviderStatus);
        Assert.Equal((Money.Parse("25"), Money.Zero), await BalanceAsync());
        Assert.Equal("-20", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        var reversal = Assert.Single(await LedgerOfTypeAsync("refund_reversal"));
        Assert.Equal("20", reversal["amount_usd"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();

        // The same delivery again, and another event about the same failure, change nothing.
        Assert.Equal("duplicate", await DeliverOkAsync(failed));
        Assert.Equal("refund_failure_already_recorded", await DeliverOkAsync(StripeApi.FailRefund(stripeRefund.Id)));
        Assert.Equal((Money.Parse("25"), Money.Zero), await BalanceAsync());
        Assert.Single(await LedgerOfTypeAsync("refund_reversal"));
        Assert.Equal("failed", await StatusOfAsync(id));
        await AssertLedgerBalancedAsync();

        // The money never left: the whole payment can be refunded again.
        var again = IdOf(await RequestRefundOkAsync("25"));
        Assert.Equal((Money.Zero, Money.Parse("25")), await BalanceAsync());
        Assert.Equal("pending_approval", await StatusOfAsync(again));
    }

    [Fact]
    public async Task Refund_failed_while_the_refund_is_still_open_returns_that_part_of_the_hold_when_it_finishes()
    {
        var older = await TopUpAsync("10");
        Clock.AdvanceTo(Clock.Now + TimeSpan.FromMinutes(1));
        var newer = await TopUpAsync("15");
        var olderCharge = await WithBillingDbAsync(db => db.TopUps.AsNoTracking().Where(t => t.PaymentId == older).Select(t => t.ChargeId!).SingleAsync());
        var id = IdOf(await RequestRefundOkAsync("25"));
        StripeApi.FailNextRefunds(1, statusCode: 500, chargeId: olderCharge);
        await DecideAsync(id, "approve");
        await RunRefundJobAsync(id);
        Assert.Equal("approved", await StatusOfAsync(id));
        var newerRefund = Assert.Single(StripeApi.RefundsOf(newer));
        Assert.Equal(1500L, newerRefund.AmountCents);

        Assert.Equal("refund_failure_recorded", await DeliverOkAsync(StripeApi.FailRefund(newerRefund.Id)));

        // Still open: the whole hold stays reserved until the refund finishes.
        Assert.Equal("approved", await StatusOfAsync(id));
        Assert.Equal((Money.Zero, Money.Parse("25")), await BalanceAsync());
        Assert.Empty(await LedgerOfTypeAsync("refund_reversal"));
        await AssertLedgerBalancedAsync();

        Clock.AdvanceTo((await RefundAsync(id))["next_attempt_at"]!.GetValue<DateTimeOffset>());
        await RunRefundJobAsync(id);

        // The retry refunds only the rest (10 on the older charge) and does not re-send the failed 15: the refund
        // fails with 10 refunded, and the failed 15 returns to the balance with the rest of the hold.
        var refund = await RefundAsync(id);
        Assert.Equal(("failed", "10"), (refund["status"]!.GetValue<string>(), refund["refunded_usd"]!.GetValue<string>()));
        Assert.Contains(newerRefund.Id, refund["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([1000L], StripeApi.RefundsOf(older).Select(r => r.AmountCents));
        Assert.Single(StripeApi.RefundsOf(newer));
        Assert.Equal((Money.Parse("15"), Money.Zero), await BalanceAsync());
        Assert.Equal("-10", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        Assert.Empty(await LedgerOfTypeAsync("refund_reversal"));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Won_dispute_restores_what_the_chargeback_took_once_even_when_delivered_twice()
    {
        var paymentIntent = await TopUpAsync("25");
        await SpendAsync("10");
        Assert.Equal("dispute_recorded", await DeliverOkAsync(StripeApi.Dispute(paymentIntent, 2500)));
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        Assert.Equal("-15", Assert.Single(await LedgerOfTypeAsync("chargeback"))["amount_usd"]!.GetValue<string>());
        var disputeId = Assert.Single(StripeApi.DisputesOf(paymentIntent));

        var won = StripeApi.CloseDispute(disputeId, "won");
        Assert.Equal("dispute_won", await DeliverOkAsync(won));

        // What the chargeback took (15) comes back; the 10 already spent was never taken.
        Assert.Equal((Money.Parse("15"), Money.Zero), await BalanceAsync());
        var reversal = Assert.Single(await LedgerOfTypeAsync("chargeback_reversal"));
        Assert.Equal("15", reversal["amount_usd"]!.GetValue<string>());
        var dispute = await DisputeAsync(disputeId);
        Assert.Equal("won", dispute["status"]!.GetValue<string>());
        Assert.NotNull(dispute["closed_at"]);
        await AssertLedgerBalancedAsync();

        Assert.Equal("duplicate", await DeliverOkAsync(won));
        Assert.Equal("dispute_already_closed", await DeliverOkAsync(StripeApi.CloseDispute(disputeId, "won")));
        Assert.Equal((Money.Parse("15"), Money.Zero), await BalanceAsync());
        Assert.Single(await LedgerOfTypeAsync("chargeback_reversal"));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Lost_dispute_is_recorded_and_moves_no_money()
    {
        var paymentIntent = await TopUpAsync("25");
        Assert.Equal("dispute_recorded", await DeliverOkAsync(StripeApi.Dispute(paymentIntent, 1000)));
        Assert.Equal((Money.Parse("15"), Money.Zero), await BalanceAsync());
        var disputeId = Assert.Single(StripeApi.DisputesOf(paymentIntent));

        Assert.Equal("dispute_lost", await DeliverOkAsync(StripeApi.CloseDispute(disputeId, "lost")));
        Assert.Equal("dispute_already_closed", await DeliverOkAsync(StripeApi.CloseDispute(disputeId, "won")));

        Assert.Equal((Money.Parse("15"), Money.Zero), await BalanceAsync());
        Assert.Empty(await LedgerOfTypeAsync("chargeback_reversal"));
        Assert.Equal("lost", (await DisputeAsync(disputeId))["status"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Refund_failed_or_dispute_closed_for_something_OmniaKey_never_recorded_is_acknowledged_and_changes_nothing()
    {
        var paymentIntent = await TopUpAsync("25");
        await DeliverOkAsync(StripeApi.Refund(paymentIntent, 500));
        var external = Assert.Single(StripeApi.RefundsOf(paymentIntent));

        Assert.Equal("unknown_refund", await DeliverOkAsync(StripeApi.FailRefund(external.Id)));
        Assert.Equal((Money.Parse("20"), Money.Zero), await BalanceAsync());
        Assert.Empty(await LedgerOfTypeAsync("refund_reversal"));
        await AssertLedgerBalancedAsync();
    }

    /// <summary>When Hangfire will run each <see cref="ProcessRefundJob"/> scheduled for the refund, in scheduling order.</summary>
    private List<DateTimeOffset> ScheduledRefundJobs(Guid refundId)
    {
        var monitoring = (Fixture.App.Services.GetService<JobStorage>() ?? JobStorage.Current).GetMonitoringApi();
        return [.. monitoring.ScheduledJobs(0, 10_000)
            .Where(j => j.Value.Job.Type == typeof(ProcessRefundJob) && j.Value.Job.Method.Name == nameof(ProcessRefundJob.RunAsync) && (Guid)j.Value.Job.Args[0] == refundId)
            .Select(j => new DateTimeOffset(DateTime.SpecifyKind(j.Value.EnqueueAt, DateTimeKind.Utc)))
            .Order()];
    }

    private async Task<JsonNode> DisputeAsync(string disputeId)
    {
        using var response = await Admin.GetAsync($"/admin/v1/billing/disputes?account_id={AccountId}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonNodeAsync())["data"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == disputeId)!;
    }

    /// <summary>The fixture's fake clock, moved forward only.</summary>
    private readonly struct FakeTimeProviderClock(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        public DateTimeOffset Now => clock.GetUtcNow();

        public void AdvanceTo(DateTimeOffset at) => clock.Advance(at - clock.GetUtcNow());

        /// <summary>Whole seconds, so times computed here equal those the databases store (SQLite keeps fewer digits).</summary>
        public void AdvanceToWholeSecond() => clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (clock.GetUtcNow().Ticks % TimeSpan.TicksPerSecond)));
    }
}

public sealed class SqliteRefundRetryAndReversalTests(SqliteTimedRefundFixture fixture)
    : RefundRetryAndReversalTests<SqliteTimedRefundFixture>(fixture), IClassFixture<SqliteTimedRefundFixture>;

public sealed class PostgresRefundRetryAndReversalTests(PostgresTimedRefundFixture fixture)
    : RefundRetryAndReversalTests<PostgresTimedRefundFixture>(fixture), IClassFixture<PostgresTimedRefundFixture>;
