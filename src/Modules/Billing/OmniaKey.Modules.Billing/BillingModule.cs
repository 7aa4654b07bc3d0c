using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Application.Balances.ListFundedAccounts;
using OmniaKey.Modules.Billing.Application.Payments;
using OmniaKey.Modules.Billing.Application.Payments.ReceiveWebhook;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Payments;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Endpoints;
using OmniaKey.Modules.Billing.Infrastructure;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using OmniaKey.Modules.Billing.Infrastructure.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.Payments;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Usage;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Billing;

/// <summary>Balances, the ledger, reservations, usage records and top-ups.</summary>
public static class BillingModule
{
    public static IServiceCollection AddBillingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<BillingDbContext, SqliteBillingDbContext, PostgresBillingDbContext, SqlServerBillingDbContext>(BillingDbContext.SchemaName);
        services.AddScoped<BalanceStore>();
        services.AddScoped<IBalanceStore>(sp => sp.GetRequiredService<BalanceStore>());
        services.AddScoped<IFundedAccounts, FundedAccounts>();
        services.AddGroupCommit(configuration);
        services.AddScoped<ILedgerRepository, LedgerRepository>();
        services.AddScoped<OperatorCredit>();
        AddReservationsAndUsage(services, configuration);

        services.AddSingleton(TopUpLimits.FromConfiguration(configuration));
        services.AddScoped<ITopUpRepository, TopUpRepository>();
        services.AddScoped<IPaymentEventLog, PaymentEventLog>();
        services.AddScoped<IPaymentReversals, PaymentReversals>();
        services.AddScoped<CheckoutCompletion>();
        services.AddScoped<PaymentSynchronizer>();
        services.AddStripePayments(configuration);
        services.AddRefunds(configuration);

        services.AddHandlersFrom(typeof(BillingModule).Assembly);
        services.AddConsolePages(typeof(BillingModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapBillingEndpoints(this IEndpointRouteBuilder app)
    {
        BillingEndpoints.Map(app);
        WebhookEndpoints.Map(app);
        UsageEndpoints.Map(app);
        RefundEndpoints.Map(app);
        PromotionalCreditEndpoints.Map(app);
        return app;
    }

    /// <summary>Hold lifetime, the stale-hold clean-up job and the usage views (docs/adr/0012-reservation-lifecycle.md).</summary>
    private static void AddReservationsAndUsage(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ReservationSettings.FromConfiguration(configuration));
        services.AddScoped<HoldSettlement>();
        services.AddScoped<CallBooks>();
        services.AddScoped<KeyBudgetStore>();
        services.AddScoped<KeyRateCounts>();
        services.AddScoped<IKeyBudgetReader, KeyBudgetReader>();
        services.AddScoped<IStaleReservations, StaleReservations>();
        services.AddScoped<IUsageRepository, UsageRepository>();
        services.AddHostedService<BillingJobSchedule>();
    }
}
