using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

/// <summary>Chooses the signal's transport by <c>Database:Provider</c> (docs/adr/0032-cluster-wide-invalidation.md).</summary>
public static class ClusterInvalidationRegistration
{
    public static IServiceCollection AddClusterInvalidation(
        this IServiceCollection services, DatabaseOptions database, IConfiguration configuration)
    {
        services.AddSingleton(ClusterInvalidationOptions.FromConfiguration(configuration));
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                AddTransport<PostgresClusterInvalidation>(services);
                break;
            case DatabaseProvider.SqlServer:
                AddTransport<SqlServerClusterInvalidation>(services);
                break;
            default:
                services.AddSingleton<IClusterInvalidation, LocalClusterInvalidation>();
                break;
        }

        return services;
    }

    private static void AddTransport<T>(IServiceCollection services)
        where T : class, IClusterInvalidation, Microsoft.Extensions.Hosting.IHostedService
    {
        services.AddSingleton<T>();
        services.AddSingleton<IClusterInvalidation>(sp => sp.GetRequiredService<T>());
        services.AddHostedService(sp => sp.GetRequiredService<T>());
    }
}
