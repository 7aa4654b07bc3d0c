using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>Per test: a clean database and fake Stripe, one signed-up customer, and helpers for money flows.</summary>
public abstract class BillingTestBase<TFixture>(TFixture fixture) : IAsyncLifetime
    where TFixture : BillingFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected FakeStripeServer StripeApi => Fixture.StripeApi;

    protected HttpClient Admin { get; private set; } = null!;

    protected HttpClient Customer { get; private set; } = null!;

    protected Guid AccountId { get; private set; }

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        StripeApi.Reset();
        Fixture.Events.Clear();
        Admin = Fixture.App.CreateAdminClient();
        (AccountId, Customer) = await SignUpAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected async Task<(Guid AccountId, HttpClient Client)> SignUpAsync()
    {
        var (accountId, token) = await Fixture.App.CreateClient().SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        return (accountId, Fixture.App.CreateBearerClient(token));
    }

    /// <summary><c>POST /api/v1/billing/checkout</c> as the customer; returns the session id.</summary>
    protected async Task<string> CheckoutAsync(string amountUsd)
    {
        using var response = await Customer.PostJsonAsync("/api/v1/billing/checkout", new { amount_usd = amountUsd });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonNodeAsync())["session_id"]!.GetValue<string>();
    }

    /// <summary>Posts the event to <c>/webhooks/stripe</c> with a valid signature, as Stripe would (signed at the app's time).</summary>
    protected Task<HttpResponseMessage> DeliverAsync(StripeEventJson stripeEvent) =>
        PostWebhookAsync(stripeEvent.Payload, StripeWebhookSigner.Sign(stripeEvent.Payload, at: Fixture.AppClock.GetUtcNow()));

    /// <summary>Delivers the event, expects 2xx, and returns the receipt's <c>outcome</c>.</summary>
    protected async Task<string> DeliverOkAsync(StripeEventJson stripeEvent)
    {
        using var response = await DeliverAsync(stripeEvent);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var receipt = await response.ReadJsonNodeAsync();
        Assert.Equal(stripeEvent.Id, receipt["event_id"]!.GetValue<string>());
        return receipt["outcome"]!.GetValue<string>();
    }

    protected async Task<HttpResponseMessage> PostWebhookAsync(string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return await Fixture.App.CreateClient().SendAsync(request);
    }

    /// <summary>Through the admin view: a suspension or termination ends the customer's session (docs/accounts.md).</summary>
    protected async Task<Money> AvailableAsync()
    {
        var (available, _) = await Admin.GetAccountBalanceAsync(AccountId);
        return Money.Parse(available);
    }

    /// <summary>Every ledger entry of the customer, newest first, following <c>next_cursor</c> to the end.</summary>
    protected async Task<List<JsonNode>> LedgerAsync(HttpClient? client = null, string path = "/api/v1/ledger")
    {
        var entries = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var url = cursor is null ? $"{path}?limit=2" : $"{path}?limit=2&cursor={Uri.EscapeDataString(cursor)}";
            using var response = await (client ?? Customer).GetAsync(url);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var page = await response.ReadJsonNodeAsync();
            entries.AddRange(page["data"]!.AsArray().Select(e => e!.DeepClone()));
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return entries;
    }

    protected async Task<List<JsonNode>> LedgerOfTypeAsync(string type) =>
        [.. (await LedgerAsync(Admin, $"/admin/v1/accounts/{AccountId}/ledger")).Where(e => e["type"]!.GetValue<string>() == type)];

    /// <summary>The admin reconciliation of the customer's account must show its ledger summing to its balance.</summary>
    protected async Task AssertLedgerBalancedAsync()
    {
        using var response = await Admin.GetAsync($"/admin/v1/billing/reconciliation?account_id={AccountId}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var row = Assert.Single((await response.ReadJsonNodeAsync())["data"]!.AsArray())!;
        Assert.True(row["balanced"]!.GetValue<bool>(), $"ledger does not sum to the balance: {row.ToJsonString()}");
    }

    /// <summary>Runs <paramref name="use"/> with a service from a fresh scope of the app, as a request would get it.</summary>
    private protected async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> use)
        where TService : notnull
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Runs <paramref name="work"/> against Billing's tables directly (to inspect or tamper with them).</summary>
    private protected async Task<T> WithBillingDbAsync<T>(Func<BillingDbContext, Task<T>> work)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();

        // As the app's own money reads do: settlements queued before the read are applied first (ADR 0019).
        await scope.ServiceProvider.GetRequiredService<IPendingSettlements>().WaitForAllAsync(CancellationToken.None);
        return await work(scope.ServiceProvider.GetRequiredService<BillingDbContext>());
    }
}
