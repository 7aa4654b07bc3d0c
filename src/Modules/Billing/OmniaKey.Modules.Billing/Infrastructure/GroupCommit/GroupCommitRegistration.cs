using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Leases;
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
                DatabaseProvider.Postgres => new PostgresBatchSql(BatchDataSource(database.ConnectionString)),
                DatabaseProvider.SqlServer => new SqlServerBatchSql(database.ConnectionString),
                _ => new SqliteBatchSql(database.ConnectionString),
            };
        });
        services.AddMetrics();
        services.AddSingleton<BillingTelemetry>();
        services.AddSingleton<PendingSettlements>();
        services.AddSingleton(LeaseSettings.FromConfiguration(configuration));
        services.AddSingleton<BalanceLeases>();
        services.AddSingleton<IPendingSettlements, AccountReads>();
        services.AddScoped<ILeaseStore, LeaseStore>();
        services.AddScoped<SingleCallReservations>();
        services.AddSingleton<GroupCommitReservations>();
        services.AddSingleton<IBalanceReservations>(sp => sp.GetRequiredService<GroupCommitReservations>());
        services.AddSingleton<IStartupWarmup>(sp => new BillingBatchWarmup(sp.GetRequiredService<IBillingBatchSql>()));
        services.AddHostedService<GroupCommitShutdown>();
        return services;
    }

    /// <summary>
    /// The batches' own pool (docs/adr/0047-the-billing-batches-own-connection-pool.md), with two session settings
    /// that only suit the batch statements:
    /// <list type="bullet">
    /// <item>No reset on return to the pool. Npgsql's reset (<c>RESET ALL</c>, <c>CLOSE ALL</c>, <c>UNLISTEN *</c>,
    /// unlocking advisory locks, …) would otherwise ride in front of every batch, since a batch takes a pooled
    /// connection and gives it back each time. The batch statements change no session state, and no other code gets a
    /// connection of this pool.</item>
    /// <item><c>plan_cache_mode = force_generic_plan</c>. The statements take arrays whose length PostgreSQL cannot
    /// know when it plans; left to choose, it planned the balance-locking statement afresh on every execution (a
    /// custom plan for each array), a tenth of PostgreSQL's work per call in the load test.</item>
    /// </list>
    /// </summary>
    private static NpgsqlDataSource BatchDataSource(string connectionString) =>
        PostgresDataSources.Create(BatchConnectionString(connectionString));

    /// <summary>The configured connection string with the batch pool's settings; the configured options are kept.</summary>
    internal static string BatchConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            ApplicationName = BatchApplicationName,
        };
        builder.Options = string.Join(' ', new[] { builder.Options, "-c plan_cache_mode=force_generic_plan" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        return builder.ConnectionString;
    }

    /// <summary>How the batch pool's sessions show in <c>pg_stat_activity</c>.</summary>
    internal const string BatchApplicationName = "omniakey-billing-batches";

    /// <summary>On shutdown (after the server has finished its requests), applies what is still queued.</summary>
    private sealed class GroupCommitShutdown(GroupCommitReservations reservations) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) =>
            reservations.StopAsync();
    }
}
