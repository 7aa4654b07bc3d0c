using Microsoft.Extensions.Configuration;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

/// <summary>
/// <c>Stripe:SecretKey</c>, <c>Stripe:WebhookSecret</c>, <c>Stripe:ApiBase</c> (as Stripe.net means it: the host,
/// without <c>/v1</c>; default https://api.stripe.com) and where Checkout sends the customer back
/// (<c>Billing:Checkout:SuccessUrl</c>, <c>Billing:Checkout:CancelUrl</c>). Without a secret key top-ups answer 503;
/// without a webhook secret so do webhooks, so that Stripe keeps retrying until the service is configured.
/// </summary>
internal sealed record StripeSettings(string? SecretKey, string? WebhookSecret, string? ApiBase, string SuccessUrl, string CancelUrl)
{
    private const string DefaultSuccessUrl = "https://omniakey.dev/dashboard/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}";
    private const string DefaultCancelUrl = "https://omniakey.dev/dashboard/billing?checkout=cancelled";

    public static StripeSettings FromConfiguration(IConfiguration configuration)
    {
        var stripe = configuration.GetSection("Stripe");
        return new StripeSettings(
            NullIfEmpty(stripe["SecretKey"]),
            NullIfEmpty(stripe["WebhookSecret"]),
            NullIfEmpty(stripe["ApiBase"])?.TrimEnd('/'),
            NullIfEmpty(configuration["Billing:Checkout:SuccessUrl"]) ?? DefaultSuccessUrl,
            NullIfEmpty(configuration["Billing:Checkout:CancelUrl"]) ?? DefaultCancelUrl);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
