using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// The gateway fixture plus a fake Stripe API that the app reaches through <c>Stripe:ApiBase</c>, the webhook
/// secret the tests sign with, top-up limits of 5–500 USD, and a recorder of Billing's integration events.
/// </summary>
public abstract class BillingFixture(DatabaseKind kind, bool fakeClock = false) : GatewayFixture(kind, fakeClock)
{
    public FakeStripeServer StripeApi { get; } = new();

    public RecordedIntegrationEvents Events { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Stripe:SecretKey"] = FakeStripeServer.SecretKey,
        ["Stripe:WebhookSecret"] = FakeStripeServer.WebhookSecret,
        ["Stripe:ApiBase"] = StripeApi.ApiBase,
        ["Billing:TopUp:MinimumUsd"] = "5",
        ["Billing:TopUp:MaximumUsd"] = "500",
    };

    public override async Task InitializeAsync()
    {
        await StripeApi.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await StripeApi.DisposeAsync();
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<IIntegrationEventHandler<PaymentCardCountryObservedIntegrationEvent>>(Events);
        services.AddSingleton<IIntegrationEventHandler<PaymentDisputedIntegrationEvent>>(Events);
    }
}

public sealed class SqliteBillingFixture() : BillingFixture(DatabaseKind.Sqlite);

public sealed class PostgresBillingFixture() : BillingFixture(DatabaseKind.Postgres);
