using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
using Xunit;

namespace OmniaKey.IntegrationTests.Accounts;

/// <summary>
/// <c>POST /admin/v1/accounts/{id}/terminate</c>: access stops at once, and Billing settles the balance — a refund
/// of the unused paid balance, or a forfeiture for material breach — once, however often the event arrives.
/// </summary>
public abstract class TerminationTests<TFixture>(TFixture fixture) : RefundTestBase<TFixture>(fixture)
    where TFixture : RefundFixture
{
    private static readonly Guid KeyId = Guid.NewGuid();

    [Fact]
    public async Task Termination_without_breach_stops_every_access_and_refunds_the_unused_paid_balance_once()
    {
        var paymentIntent = await TopUpAsync("25");
        await PromotionalCreditAsync("5");
        var api = Fixture.App.CreateBearerClient(await Customer.CreateApiKeyAsync("laptop"));
        using (var before = await api.GetAsync("/v1/models"))
        {
            await before.AssertStatusAsync(HttpStatusCode.OK);
        }

        var account = await TerminateOkAsync("Closed at the customer's request", materialBreach: false);

        Assert.Equal("terminated", account["status"]!.GetValue<string>());
        using (var after = await api.GetAsync("/v1/models"))
        {
            await after.AssertStatusAsync(HttpStatusCode.Forbidden);
        }

        using (var chat = await api.PostJsonAsync("/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "Hi" } } }))
        {
            await chat.AssertStatusAsync(HttpStatusCode.Forbidden);
        }

        using (var login = await Fixture.App.CreateClient().PostJsonAsync("/api/v1/auth/login", new { email = account["email"]!.GetValue<string>(), password = ApiClientExtensions.DefaultPassword }))
        {
            await login.AssertStatusAsync(HttpStatusCode.Forbidden);
        }

        var published = Assert.Single(Fixture.Terminations.Events);
        Assert.Equal((AccountId, false, "Closed at the customer's request"), (published.AccountId, published.MaterialBreach, published.Reason));

        var refund = Assert.Single(await AdminRefundsAsync());
        var id = IdOf(refund);
        Assert.Equal(("25", "approved", "termination"), (refund["amount_usd"]!.GetValue<string>(), refund["status"]!.GetValue<string>(), refund["origin"]!.GetValue<string>()));
        Assert.Equal([id], EnqueuedRefundJobs(id));
        Assert.Equal((Money.Parse("5"), Money.Parse("25")), await BalanceAsync());

        await RunRefundJobAsync(id);

        Assert.Equal("succeeded", await StatusOfAsync(id));
        Assert.Equal(2500L, Assert.Single(StripeApi.RefundsOf(paymentIntent)).AmountCents);
        Assert.Equal((Money.Parse("5"), Money.Zero), await BalanceAsync());
        Assert.Equal("-25", Assert.Single(await LedgerOfTypeAsync("refund"))["amount_usd"]!.GetValue<string>());
        await AssertLedgerBalancedAsync();

        // Terminating again changes nothing and publishes nothing (the outbox, not the operator, retries a failed settlement).
        await TerminateOkAsync("Closed at the customer's request", materialBreach: false);
        Assert.Single(Fixture.Terminations.Events);
        Assert.Single(await AdminRefundsAsync());
        Assert.Equal((Money.Parse("5"), Money.Zero), await BalanceAsync());
        // The termination ended the customer's session: the old access token is refused outright.
        using var refundRequest = await RequestRefundAsync();
        await refundRequest.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Termination_for_material_breach_denies_pending_refunds_and_forfeits_the_balance_once()
    {
        await TopUpAsync("25");
        await PromotionalCreditAsync("5");
        var pending = IdOf(await RequestRefundOkAsync("10"));
        Assert.Equal((Money.Parse("20"), Money.Parse("10")), await BalanceAsync());

        await TerminateOkAsync("Resold access in breach of §4", materialBreach: true);

        Assert.Equal("denied", await StatusOfAsync(pending));
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        var forfeiture = Assert.Single(await LedgerOfTypeAsync("forfeiture"));
        Assert.Equal("-30", forfeiture["amount_usd"]!.GetValue<string>());
        Assert.Contains("Resold access in breach of §4", forfeiture["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(RefundCreations());
        await AssertLedgerBalancedAsync();

        // Money arriving later (e.g. an in-flight call's unused hold) is not forfeited again by a redelivery.
        await Admin.CreditAsync(AccountId, "3");
        await TerminateOkAsync("Resold access in breach of §4", materialBreach: true);
        Assert.Equal((Money.Parse("3"), Money.Zero), await BalanceAsync());
        Assert.Single(await LedgerOfTypeAsync("forfeiture"));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_hold_that_comes_back_after_a_termination_without_breach_is_refunded_by_the_remainder_job_once()
    {
        var paymentIntent = await TopUpAsync("25");
        Assert.Equal(Money.Parse("5"), await ReserveAsync("req_in_flight", "5"));

        await TerminateOkAsync("Closed at the customer's request", materialBreach: false);

        var first = Assert.Single(await AdminRefundsAsync());
        Assert.Equal("20", first["amount_usd"]!.GetValue<string>());
        Assert.Equal((Money.Zero, Money.Parse("25")), await BalanceAsync()); // the call's hold and the refund's
        await RunRefundJobAsync(IdOf(first));

        // The call still in flight ends after the termination: 1 is charged, 4 comes back to a closed account.
        await RunRemainderJobAsync(); // nothing yet: the call is still in flight
        Assert.Single(await AdminRefundsAsync());
        await SettleAsync("req_in_flight", "1");
        await RunRemainderJobAsync();
        await RunRemainderJobAsync(); // a second run finds nothing left to refund

        var refunds = await AdminRefundsAsync();
        Assert.Equal(2, refunds.Count);
        var late = Assert.Single(refunds, r => IdOf(r) != IdOf(first));
        Assert.Equal(("4", "approved", "termination"), (late["amount_usd"]!.GetValue<string>(), late["status"]!.GetValue<string>(), late["origin"]!.GetValue<string>()));
        await RunRefundJobAsync(IdOf(late));
        Assert.Equal([2000L, 400L], StripeApi.RefundsOf(paymentIntent).Select(r => r.AmountCents).Order().Reverse());
        Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public void The_remainder_job_is_scheduled_every_minute_under_its_stable_id()
    {
        RecurringJobs.AssertScheduled<SettleTerminationRemaindersJob>(Fixture.App.Services, SettleTerminationRemaindersJob.Id, "* * * * *");
    }

    [Fact]
    public async Task A_hold_that_comes_back_after_a_termination_for_breach_is_forfeited_but_a_later_credit_is_not()
    {
        await TopUpAsync("25");
        Assert.Equal(Money.Parse("5"), await ReserveAsync("req_in_flight", "5"));
        await TerminateOkAsync("Resold access in breach of §4", materialBreach: true);
        Assert.Equal((Money.Zero, Money.Parse("5")), await BalanceAsync());

        await RunRemainderJobAsync(); // nothing yet: the call is still in flight
        Assert.Single(await LedgerOfTypeAsync("forfeiture"));

        await SettleAsync("req_in_flight", "1");
        await Admin.CreditAsync(AccountId, "3"); // an operator's credit after the termination is theirs to decide on
        await RunRemainderJobAsync();
        await RunRemainderJobAsync();

        Assert.Equal((Money.Parse("3"), Money.Zero), await BalanceAsync());
        Assert.Equal(["-20", "-4"], (await LedgerOfTypeAsync("forfeiture")).Select(e => e["amount_usd"]!.GetValue<string>()).OrderByDescending(a => a.Length));
        Assert.Empty(RefundCreations());
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task The_termination_settlement_refunds_what_this_instances_balance_lease_had_not_lent()
    {
        await TopUpAsync("25");

        // Two calls in a row: on PostgreSQL the account takes a lease, a block of its balance held in memory.
        Assert.Equal(Money.Parse("0.01"), await ReserveAsync("req_first", "0.01"));
        Assert.Equal(Money.Parse("0.01"), await ReserveAsync("req_second", "0.01"));
        var leases = Fixture.App.Services.GetRequiredService<BalanceLeases>();
        if (Fixture is PostgresRefundFixture) // only PostgreSQL lends (ADR 0048)
        {
            for (var i = 0; i < 200 && leases.LendingFor(AccountId) is null; i++)
            {
                await Task.Delay(25);
            }

            Assert.True(leases.LendingFor(AccountId) is not null, "No lease was taken within 5 seconds.");
        }

        await SettleAsync("req_first", "0.01");
        await SettleAsync("req_second", "0.01");

        if (Fixture is PostgresRefundFixture)
        {
            Assert.NotNull(leases.LendingFor(AccountId)); // nothing has read the account's money since: the lease still lends
        }

        // Billing's own handler of the event, on its own: the admin route reads the account's balance (which makes the
        // lease give back) before the event is handled, and other paths to a termination need not.
        var now = DateTimeOffset.UtcNow;
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var billing = scope.ServiceProvider.GetServices<IIntegrationEventHandler<AccountTerminatedIntegrationEvent>>()
                .Single(h => h.GetType().Namespace!.StartsWith("OmniaKey.Modules.Billing", StringComparison.Ordinal));
            await billing.HandleAsync(new AccountTerminatedIntegrationEvent(Guid.NewGuid(), now, AccountId, "Closed at the customer's request", false, now), CancellationToken.None);
        }

        // The lease gave back what it had not lent before the refund was worked out: all of the unused 24.98.
        var refund = Assert.Single(await AdminRefundsAsync());
        Assert.Equal("24.98", refund["amount_usd"]!.GetValue<string>());
        Assert.Null(leases.LendingFor(AccountId));
        await AssertLedgerBalancedAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Concurrent_deliveries_of_the_termination_event_settle_the_balance_once(bool materialBreach)
    {
        await TopUpAsync("25");
        var terminated = new AccountTerminatedIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, AccountId, "Test", materialBreach, DateTimeOffset.UtcNow);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            await using var scope = Fixture.App.Services.CreateAsyncScope();
            // Each delivery calls the handlers directly, past the outbox's inbox, as duplicate deliveries racing would.
            foreach (var handler in scope.ServiceProvider.GetServices<IIntegrationEventHandler<AccountTerminatedIntegrationEvent>>())
            {
                await handler.HandleAsync(terminated, CancellationToken.None);
            }
        }));

        if (materialBreach)
        {
            Assert.Equal("-25", Assert.Single(await LedgerOfTypeAsync("forfeiture"))["amount_usd"]!.GetValue<string>());
            Assert.Equal((Money.Zero, Money.Zero), await BalanceAsync());
        }
        else
        {
            var refund = Assert.Single(await AdminRefundsAsync());
            Assert.Equal("25", refund["amount_usd"]!.GetValue<string>());
            Assert.Equal((Money.Zero, Money.Parse("25")), await BalanceAsync());
        }

        var settlement = await WithBillingDbAsync(db => db.Set<TerminationSettlement>().AsNoTracking().SingleAsync(s => s.AccountId == AccountId));
        Assert.Equal(materialBreach, settlement.MaterialBreach);
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Termination_needs_a_reason_and_an_explicit_breach_finding_and_is_final()
    {
        using (var missing = await Admin.PostJsonAsync($"/admin/v1/accounts/{AccountId}/terminate", new { reason = "" }))
        {
            await missing.AssertStatusAsync(HttpStatusCode.BadRequest);
            var errors = (await missing.ReadJsonNodeAsync())["errors"]!.AsObject();
            Assert.True(errors.ContainsKey("reason") && errors.ContainsKey("material_breach"), errors.ToJsonString());
        }

        using (var unknown = await Admin.PostJsonAsync($"/admin/v1/accounts/{Guid.NewGuid()}/terminate", new { reason = "x", material_breach = false }))
        {
            await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
        }

        using (var byCustomer = await Customer.PostJsonAsync($"/admin/v1/accounts/{AccountId}/terminate", new { reason = "x", material_breach = false }))
        {
            Assert.True(byCustomer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, byCustomer.StatusCode.ToString());
        }

        Assert.Empty(Fixture.Terminations.Events);
        await TerminateOkAsync("Fraud", materialBreach: false);
        using var reactivate = await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/reactivate", null);
        await reactivate.AssertStatusAsync(HttpStatusCode.UnprocessableEntity);
    }

    private async Task<JsonNode> TerminateOkAsync(string reason, bool materialBreach)
    {
        using var response = await Admin.PostJsonAsync($"/admin/v1/accounts/{AccountId}/terminate", new { reason, material_breach = materialBreach });
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonNodeAsync();
    }

    private Task<Money?> ReserveAsync(string requestId, string hold) =>
        WithServiceAsync<IBalanceReservations, Money?>(r => r.TryReserveUpToAsync(
            new ReservationRequest(requestId, AccountId, KeyId, "gpt-4o", "openai", Money.Parse(hold), Money.Parse(hold)),
            CancellationToken.None));

    private Task<Money> SettleAsync(string requestId, string cost) =>
        WithServiceAsync<IBalanceReservations, Money>(r => r.SettleAsync(
            new CallSettlement(requestId, AccountId, KeyId, "gpt-4o", "openai", new TokenUsage(1000, 400, 0, 0, 0), Money.Parse(cost), 1200, "succeeded", "reported"),
            CancellationToken.None));

    /// <summary>Runs the remainder job the way its Hangfire server would: a fresh scope, the job class, its one method.</summary>
    private async Task RunRemainderJobAsync()
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<SettleTerminationRemaindersJob>(scope.ServiceProvider).RunAsync();
    }

    private async Task<List<JsonNode>> AdminRefundsAsync()
    {
        using var response = await Admin.GetAsync($"/admin/v1/refunds?account_id={AccountId}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return [.. (await response.ReadJsonNodeAsync())["data"]!.AsArray().Select(r => r!.DeepClone())];
    }
}

public sealed class SqliteTerminationTests(SqliteRefundFixture fixture)
    : TerminationTests<SqliteRefundFixture>(fixture), IClassFixture<SqliteRefundFixture>;

public sealed class PostgresTerminationTests(PostgresRefundFixture fixture)
    : TerminationTests<PostgresRefundFixture>(fixture), IClassFixture<PostgresRefundFixture>;
