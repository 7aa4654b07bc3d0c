using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.Infrastructure.Messaging;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>Registers the database, the unit of work, the outbox, and each module's DbContext for the configured provider.</summary>
public static class PersistenceRegistration
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseOptions.FromConfiguration(configuration, contentRoot);
        services.AddSingleton(database);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(_ => PostgresDataSources.Create(database.ConnectionString));
        }

        services.AddScoped<ScopedDatabaseConnection>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<UnitOfWork>());
        services.AddScoped<IIntegrationEventPublisher>(sp => sp.GetRequiredService<UnitOfWork>());
        services.AddScoped<DomainEventDispatcher>();

        var outbox = OutboxOptions.FromConfiguration(configuration);
        services.AddSingleton(outbox);
        services.AddSingleton<OutboxProcessor>();
        services.AddModuleDbContext<MessagingDbContext, SqliteMessagingDbContext, PostgresMessagingDbContext, SqlServerMessagingDbContext>(
            MessagingDbContext.SchemaName);

        // Hosted services start in this order: the schema is migrated before the outbox worker reads it.
        services.AddHostedService<DatabaseMigrator>();
        services.AddClusterInvalidation(database, configuration);
        if (outbox.WorkerEnabled)
        {
            services.AddHostedService<OutboxWorker>();
        }

        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TContext"/> (what handlers inject) as the provider-specific subclass chosen by
    /// <c>Database:Provider</c>. Each subclass carries its own migrations.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres, TSqlServer>(
        this IServiceCollection services, string schema)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgres : TContext
        where TSqlServer : TContext
    {
        services.AddDbContext<TSqlite>((sp, options) => Configure(sp, options, DatabaseProvider.Sqlite, schema));
        services.AddDbContext<TPostgres>((sp, options) => Configure(sp, options, DatabaseProvider.Postgres, schema));
        services.AddDbContext<TSqlServer>((sp, options) => Configure(sp, options, DatabaseProvider.SqlServer, schema));
        services.AddScoped<TContext>(sp =>
        {
            TContext context = sp.GetRequiredService<DatabaseOptions>().Provider switch
            {
                DatabaseProvider.Postgres => sp.GetRequiredService<TPostgres>(),
                DatabaseProvider.SqlServer => sp.GetRequiredService<TSqlServer>(),
                _ => sp.GetRequiredService<TSqlite>(),
            };
            sp.GetRequiredService<UnitOfWork>().Enlist(context);
            return context;
        });
        services.AddSingleton(new ModuleDatabase(typeof(TContext), schema));
        return services;
    }

    private static void Configure(IServiceProvider sp, DbContextOptionsBuilder options, DatabaseProvider provider, string schema)
    {
        var database = sp.GetRequiredService<DatabaseOptions>();

        var history = ModuleDbContext.HistoryTable(provider, schema);
        if (provider != database.Provider)
        {
            // Another provider's context is only resolved at design time or by tests (model checks, SQL scripts),
            // which never open a connection, so it gets a placeholder connection string.
            var placeholder = PlaceholderConnectionString(provider);
            _ = provider switch
            {
                DatabaseProvider.Postgres => options.UseNpgsql(placeholder, o => o.MigrationsHistoryTable(history, schema)),
                DatabaseProvider.SqlServer => options.UseSqlServer(placeholder, o => o.MigrationsHistoryTable(history, schema)),
                _ => options.UseSqlite(placeholder, o => o.MigrationsHistoryTable(history)),
            };
            return;
        }

        // Every module's context in a scope shares the scope's connection, so the unit of work's one transaction spans them.
        var connection = sp.GetRequiredService<ScopedDatabaseConnection>().Connection;
        _ = provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(connection, o => o.MigrationsHistoryTable(history, schema)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connection, o => o.MigrationsHistoryTable(history, schema)),
            _ => options.UseSqlite(connection, o => o.MigrationsHistoryTable(history)),
        };
    }

    private static string PlaceholderConnectionString(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => "Host=localhost;Database=omniakey",
        DatabaseProvider.SqlServer => "Server=localhost;Database=omniakey;TrustServerCertificate=true",
        _ => "Data Source=:memory:",
    };
}

/// <summary>One module's database, as the migrator and tests see it.</summary>
public sealed record ModuleDatabase(Type ContextType, string Schema);
