using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// Hangfire with storage that follows the database provider. <c>Jobs:Storage=InMemory</c> is for tests, which run
    /// jobs by invoking them directly; <c>Jobs:Server:Enabled=false</c> runs no job server in this process.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var inMemory = string.Equals(configuration["Jobs:Storage"], "InMemory", StringComparison.OrdinalIgnoreCase);
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (inMemory)
            {
                config.UseInMemoryStorage();
                return;
            }

            switch (database.Provider)
            {
                case DatabaseProvider.Postgres:
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString));
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(database.ConnectionString);
                    break;
                default:
                    config.UseSQLiteStorage(HangfireSqliteFile(database.ConnectionString));
                    break;
            }
        });

        if (configuration["Jobs:Server:Enabled"] is not { } enabled || bool.Parse(enabled))
        {
            services.AddHangfireServer((sp, options) =>
            {
                options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                // Job runs and failures (docs/observability.md), on this process's server only, beside the global filters.
                options.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { sp.GetRequiredService<JobTelemetryFilter>() });
            });
        }

        services.AddSingleton<IJobScheduler, HangfireJobScheduler>();
        services.AddMetrics();
        services.AddSingleton<JobTelemetryFilter>();
        return services;
    }

    /// <summary>The dashboard at <c>/admin/jobs</c>, for the admin token only.</summary>
    public static IApplicationBuilder UseJobsDashboard(this IApplicationBuilder app) =>
        app.UseHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            DisplayStorageConnectionString = false,
        });

    // Hangfire keeps its own SQLite file next to the application's so job polling never locks business tables.
    private static string HangfireSqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? ".";
        return Path.Combine(directory, "hangfire.db");
    }
}
