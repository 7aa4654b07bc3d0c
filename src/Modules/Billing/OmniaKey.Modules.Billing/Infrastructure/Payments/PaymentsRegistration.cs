using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Billing.Application.Payments;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

/// <summary>Registers the payment provider (Stripe) behind Billing's ports; the only place that knows it is Stripe.</summary>
internal static class PaymentsRegistration
{
    public static IServiceCollection AddStripePayments(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = StripeSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.AddCheckoutFormActions(settings);
        services.AddSingleton<StripeClientAccessor>();
        services.AddScoped<IPaymentGateway, StripePaymentGateway>();
        services.AddSingleton<IPaymentWebhookReader, StripeWebhookReader>();
        return services;
    }
}
