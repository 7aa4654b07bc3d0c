using OmniaKey.Application.Exceptions;
using Stripe;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

/// <summary>
/// One <see cref="StripeClient"/> for the process (it pools its HTTP connections), created on first use so the
/// service starts without Stripe configured. <c>Stripe:ApiBase</c> points it at another host, e.g. a local stand-in used by tests.
/// </summary>
internal sealed class StripeClientAccessor(StripeSettings settings)
{
    private readonly Lazy<StripeClient?> client = new(() => settings.SecretKey is null
        ? null
        : new StripeClient(new StripeClientOptions { ApiKey = settings.SecretKey, ApiBase = settings.ApiBase ?? StripeClient.DefaultApiBase }));

    public StripeClient Client => client.Value
        ?? throw new ServiceUnavailableException("payments_not_configured", "Payments are not configured on this service (Stripe:SecretKey).");
}
