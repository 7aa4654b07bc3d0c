using System.Net;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// Helpers for refund flows: paid top-ups through the fake Stripe, spending and promotional credit, the refund routes,
/// and running the refund jobs the way Hangfire would (tests run no Hangfire server).
/// </summary>
public abstract class RefundTestBase<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture), IAsyncLifetime
    where TFixture : RefundFixture
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Fixture.Terminations.Clear();
    }

    /// <summary>A paid Stripe top-up of <paramref name="amountUsd"/>, credited by its webhook; returns its PaymentIntent.</summary>
    protected async Task<string> TopUpAsync(string amountUsd)
    {
        var sessionId = await CheckoutAsync(amountUsd);
        Assert.Equal("credited", await DeliverOkAsync(StripeApi.Pay(sessionId)));
        return StripeApi.PaymentIntentOf(sessionId);
    }

    /// <summary>Credits promotional (never paid, never refundable) money as a <c>promotional_credit</c> ledger entry.</summary>
    protected async Task PromotionalCreditAsync(string amountUsd)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var balances = scope.ServiceProvider.GetRequiredService<IBalanceStore>();
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().RunAsync(
            () => balances.CreditAsync(
                LedgerEntry.Credit(AccountId, LedgerEntryType.PromotionalCredit, Money.Parse(amountUsd), "Launch promotion", $"promo:{Guid.NewGuid():N}", DateTimeOffset.UtcNow),
                CancellationToken.None),
            CancellationToken.None);
    }

    /// <summary>Spends <paramref name="amountUsd"/> as one API call would: hold, then settle, through the hot path's interface.</summary>
    protected async Task SpendAsync(string amountUsd)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var reservations = scope.ServiceProvider.GetRequiredService<IBalanceReservations>();
        var requestId = $"req-{Guid.NewGuid():N}";
        var keyId = Guid.NewGuid();
        var cost = Money.Parse(amountUsd);
        Assert.Equal(cost, await reservations.TryReserveUpToAsync(new ReservationRequest(requestId, AccountId, keyId, "gpt-4o-mini", "openai", cost, cost), CancellationToken.None));
        await reservations.SettleAsync(
            new CallSettlement(requestId, AccountId, keyId, "gpt-4o-mini", "openai", TokenUsage.None, cost, 10, "succeeded", "upstream"),
            CancellationToken.None);
    }

    protected Task<HttpResponseMessage> RequestRefundAsync(string? amountUsd = null, HttpClient? customer = null) =>
        (customer ?? Customer).PostJsonAsync("/api/v1/billing/refunds", amountUsd is null ? new { } : new { amount_usd = amountUsd });

    /// <summary>Requests a refund, expects 201, and returns the refund as answered.</summary>
    protected async Task<JsonNode> RequestRefundOkAsync(string? amountUsd = null)
    {
        using var response = await RequestRefundAsync(amountUsd);
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonNodeAsync();
    }

    protected async Task<JsonNode> DecideAsync(Guid refundId, string decision, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Admin.PostAsync($"/admin/v1/refunds/{refundId}/{decision}", null);
        await response.AssertStatusAsync(expected);
        return await response.ReadJsonNodeAsync();
    }

    /// <summary>The refund as the admin list shows it.</summary>
    protected async Task<JsonNode> RefundAsync(Guid refundId)
    {
        using var response = await Admin.GetAsync($"/admin/v1/refunds?account_id={AccountId}&limit=200");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var data = (await response.ReadJsonNodeAsync())["data"]!.AsArray();
        return data.Single(r => r!["id"]!.GetValue<string>() == refundId.ToString())!;
    }

    protected async Task<string> StatusOfAsync(Guid refundId) => (await RefundAsync(refundId))["status"]!.GetValue<string>();

    /// <summary>Runs the job approval enqueued, as a Hangfire worker would.</summary>
    protected async Task RunRefundJobAsync(Guid refundId)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProcessRefundJob>().RunAsync(refundId, CancellationToken.None);
    }

    /// <summary>Runs the recurring <c>billing.process-refunds</c> sweep once.</summary>
    protected async Task RunSweepAsync()
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProcessRefundsJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>The refund ids of the <see cref="ProcessRefundJob"/>s waiting in Hangfire's queue, of this test's refunds.</summary>
    protected IReadOnlyList<Guid> EnqueuedRefundJobs(params Guid[] refundIds)
    {
        var monitoring = (Fixture.App.Services.GetService<JobStorage>() ?? JobStorage.Current).GetMonitoringApi();
        return [.. monitoring.EnqueuedJobs("default", 0, 10_000)
            .Select(j => j.Value.Job)
            .Where(j => j.Type == typeof(ProcessRefundJob) && j.Method.Name == nameof(ProcessRefundJob.RunAsync))
            .Select(j => (Guid)j.Args[0])
            .Where(id => refundIds.Contains(id))];
    }

    /// <summary>Lets time pass for a refund waiting for its retry: its retry is due now.</summary>
    protected Task MakeRetryDueAsync(Guid refundId) =>
        WithBillingDbAsync(db => db.Set<Refund>().Where(r => r.Id == refundId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

    protected async Task<(Money Available, Money Reserved)> BalanceAsync()
    {
        // Through the admin view: a termination ends the customer's session (docs/accounts.md).
        var (available, reserved) = await Admin.GetAccountBalanceAsync(AccountId);
        return (Money.Parse(available), Money.Parse(reserved));
    }

    protected IReadOnlyList<StripeRequest> RefundCreations() =>
        [.. StripeApi.Requests.Where(r => r.Method == "POST" && r.Path == "/v1/refunds")];

    protected static Guid IdOf(JsonNode refund) => Guid.Parse(refund["id"]!.GetValue<string>());
}
