using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Telemetry;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>The group commit as the hot path's <see cref="IBalanceReservations"/>, with its per-call slow path.</summary>
internal static class GroupCommitRegistration
{
    public static IServiceCollection AddGroupCommit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(GroupCommitSettings.FromConfiguration(configuration));
        services.AddSingleton<IBillingBatchSql>(sp =>
        {
            var database = sp.GetRequiredService<DatabaseOptions>();
            return database.Provider switch
            {
                DatabaseProvider.Postgres => new PostgresBatchSql(sp.GetRequiredService<NpgsqlDataSource>()),
                DatabaseProvider.SqlServer => new SqlServerBatchSql(database.ConnectionString),
                _ => new SqliteBatchSql(database.ConnectionString),
            };
        });
        services.AddMetrics();
        services.AddSingleton<BillingTelemetry>();
        services.AddSingleton<PendingSettlements>();
        services.AddSingleton<IPendingSettlements>(sp => sp.GetRequiredService<PendingSettlements>());
        services.AddScoped<SingleCallReservations>();
        services.AddSingleton<GroupCommitReservations>();
        services.AddSingleton<IBalanceReservations>(sp => sp.GetRequiredService<GroupCommitReservations>());
        services.AddHostedService<GroupCommitShutdown>();
        return services;
    }

    /// <summary>On shutdown (after the server has finished its requests), applies what is still queued.</summary>
    private sealed class GroupCommitShutdown(GroupCommitReservations reservations) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) =>
            reservations.StopAsync();
    }
}
