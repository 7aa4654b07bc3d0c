using Hangfire;
using Hangfire.AspNetCore;
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

        // Hangfire's own registration resolves the storage as the process-wide JobStorage.Current and runs its
        // configuration once per process, so a second host in the same process (the tests start many) would get the
        // first one's storage and activator, and fail once that host is disposed. Each host registers its own first
        // (AddHangfire only adds what is not registered yet).
        services.AddSingleton(_ => CreateStorage(inMemory, database));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

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

    /// <summary>This host's job storage, following the database provider (<c>Jobs:Storage=InMemory</c> for tests).</summary>
    private static JobStorage CreateStorage(bool inMemory, DatabaseOptions database)
    {
        // Each Use…Storage call builds a new storage and returns it as Entry.
        var global = GlobalConfiguration.Configuration;
        if (inMemory)
        {
            return global.UseInMemoryStorage().Entry;
        }

        return database.Provider switch
        {
            DatabaseProvider.Postgres => global.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString)).Entry,
            DatabaseProvider.SqlServer => global.UseSqlServerStorage(database.ConnectionString).Entry,
            _ => global.UseSQLiteStorage(HangfireSqliteFile(database.ConnectionString)).Entry,
        };
    }

    // Hangfire keeps its own SQLite file next to the application's so job polling never locks business tables.
    private static string HangfireSqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? ".";
        return Path.Combine(directory, "hangfire.db");
    }
}
