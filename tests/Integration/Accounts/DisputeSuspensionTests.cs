using System.Net;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Accounts;

/// <summary>
/// <c>charge.dispute.created</c> → Billing claws back and publishes <c>PaymentDisputedIntegrationEvent</c> through the
/// outbox → Accounts suspends the account with the dispute as the reason: <c>/v1</c> answers 403 until an operator
/// reactivates it (<c>POST /admin/v1/accounts/{id}/reactivate</c>), which clears the reason.
/// </summary>
public abstract class DisputeSuspensionTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    [Fact]
    public async Task Dispute_suspends_v1_access_with_the_reason_on_the_admin_view_until_an_operator_reactivates()
    {
        var paymentIntent = await TopUpAsync("25");
        var api = Fixture.App.CreateBearerClient(await Customer.CreateApiKeyAsync("server"));
        await AssertV1StatusAsync(api, HttpStatusCode.OK);

        Assert.Equal("dispute_recorded", await DeliverOkAsync(StripeApi.Dispute(paymentIntent, 1000)));
        var disputeId = Assert.Single(StripeApi.DisputesOf(paymentIntent));

        var suspended = await AccountAsync();
        Assert.Equal("suspended", suspended["status"]!.GetValue<string>());
        var reason = suspended["suspension_reason"]!.GetValue<string>();
        Assert.StartsWith("payment_disputed", reason, StringComparison.Ordinal);
        Assert.Contains(disputeId, reason, StringComparison.Ordinal);
        await AssertV1StatusAsync(api, HttpStatusCode.Forbidden);
        using (var chat = await api.PostJsonAsync("/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "Hi" } } }))
        {
            await chat.AssertStatusAsync(HttpStatusCode.Forbidden);
        }

        // Suspension stops spending only: the clawed-back balance is as Billing left it.
        Assert.Equal(Money.Parse("15"), await AvailableAsync());
        await AssertLedgerBalancedAsync();

        using (var reactivate = await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/reactivate", null))
        {
            await reactivate.AssertStatusAsync(HttpStatusCode.OK);
            var account = await reactivate.ReadJsonNodeAsync();
            Assert.Equal("active", account["status"]!.GetValue<string>());
            Assert.Null(account["suspension_reason"]);
        }

        await AssertV1StatusAsync(api, HttpStatusCode.OK);

        // The operator's review stands: another event about the same dispute publishes nothing and suspends nothing.
        Assert.Equal("dispute_already_recorded", await DeliverOkAsync(StripeApi.DisputeEvent(disputeId, "charge.dispute.created")));
        Assert.Equal("active", (await AccountAsync())["status"]!.GetValue<string>());
        await AssertV1StatusAsync(api, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Operator_suspension_without_a_reason_keeps_the_dispute_reason_and_reactivation_clears_it()
    {
        var paymentIntent = await TopUpAsync("25");
        Assert.Equal("dispute_recorded", await DeliverOkAsync(StripeApi.Dispute(paymentIntent, 500)));
        var reason = (await AccountAsync())["suspension_reason"]!.GetValue<string>();

        using (var suspend = await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/suspend", null))
        {
            await suspend.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(reason, (await suspend.ReadJsonNodeAsync())["suspension_reason"]!.GetValue<string>());
        }

        using (var reactivate = await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/reactivate", null))
        {
            await reactivate.AssertStatusAsync(HttpStatusCode.OK);
        }

        using (var suspend = await Admin.PostAsync($"/admin/v1/accounts/{AccountId}/suspend", null))
        {
            await suspend.AssertStatusAsync(HttpStatusCode.OK);
            var account = await suspend.ReadJsonNodeAsync();
            Assert.Equal("suspended", account["status"]!.GetValue<string>());
            Assert.Null(account["suspension_reason"]);
        }
    }

    private async Task<string> TopUpAsync(string amountUsd)
    {
        var sessionId = await CheckoutAsync(amountUsd);
        Assert.Equal("credited", await DeliverOkAsync(StripeApi.Pay(sessionId)));
        return StripeApi.PaymentIntentOf(sessionId);
    }

    private async Task<JsonNode> AccountAsync()
    {
        using var response = await Admin.GetAsync($"/admin/v1/accounts/{AccountId}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonNodeAsync();
    }

    private static async Task AssertV1StatusAsync(HttpClient api, HttpStatusCode expected)
    {
        using var response = await api.GetAsync("/v1/models");
        await response.AssertStatusAsync(expected);
    }
}

public sealed class SqliteDisputeSuspensionTests(SqliteBillingFixture fixture)
    : DisputeSuspensionTests<SqliteBillingFixture>(fixture), IClassFixture<SqliteBillingFixture>;

public sealed class PostgresDisputeSuspensionTests(PostgresBillingFixture fixture)
    : DisputeSuspensionTests<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>;
