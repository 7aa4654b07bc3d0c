using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Domain.Refunds;
using Xunit;

namespace OmniaKey.IntegrationTests.Accounts;

/// <summary>
/// <c>POST /admin/v1/accounts/{id}/terminate</c>: access stops at once, and Billing settles the balance — a refund
/// of the unused paid balance, or a forfeiture for material breach — once, however often the event arrives.
/// </summary>
public abstract class TerminationTests<TFixture>(TFixture fixture) : RefundTestBase<TFixture>(fixture)
    where TFixture : RefundFixture
{
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
