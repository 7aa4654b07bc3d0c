using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Billing.Application.Refunds;
using OmniaKey.Modules.Billing.Application.Refunds.ProcessRefunds;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>Refunds and termination settlements: stores, the processing service, the jobs and their schedule.</summary>
internal static class RefundsRegistration
{
    public static IServiceCollection AddRefunds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(RefundSettings.FromConfiguration(configuration));
        services.AddScoped<RefundQueries>();
        services.AddScoped<RefundFundsReader>();
        services.AddScoped<RefundStore>();
        services.AddScoped<IRefundStore>(sp => sp.GetRequiredService<RefundStore>());
        services.AddScoped<ITerminationSettlements, TerminationSettlements>();
        services.AddScoped<IRefundQueue, RefundJobQueue>();
        services.AddScoped<RefundRequests>();
        services.AddScoped<RefundProcessor>();
        services.AddScoped<ProcessRefundJob>();
        services.AddScoped<ProcessRefundsJob>();
        services.AddHostedService<RefundSweepSchedule>();
        return services;
    }
}
