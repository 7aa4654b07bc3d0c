using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Infrastructure.Hardening;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

/// <summary>
/// The console's top-up form answers with a redirect to the checkout page, and browsers apply CSP <c>form-action</c>
/// to the redirects that follow a form too, so the checkout's origin must be allowed there: Stripe Checkout's
/// (<c>https://checkout.stripe.com</c>) always, and the origin of <c>Stripe:ApiBase</c> when it points at a stand-in
/// for Stripe (a local double or mock), which may hand out checkout URLs on its own host. Stripe's own API host adds
/// nothing: its sessions always send the customer to checkout.stripe.com.
/// </summary>
internal static class CheckoutFormActions
{
    public const string StripeCheckoutOrigin = "https://checkout.stripe.com";

    public static IServiceCollection AddCheckoutFormActions(this IServiceCollection services, StripeSettings settings)
    {
        foreach (var origin in Origins(settings.ApiBase))
        {
            services.AddSingleton(new ConsoleFormActionSource(origin));
        }

        return services;
    }

    public static IReadOnlyList<string> Origins(string? apiBase)
    {
        if (apiBase is null
            || !Uri.TryCreate(apiBase, UriKind.Absolute, out var api)
            || api.Scheme is not ("http" or "https")
            || api.Host.Equals("stripe.com", StringComparison.OrdinalIgnoreCase)
            || api.Host.EndsWith(".stripe.com", StringComparison.OrdinalIgnoreCase))
        {
            return [StripeCheckoutOrigin];
        }

        return [StripeCheckoutOrigin, api.GetLeftPart(UriPartial.Authority)];
    }
}
