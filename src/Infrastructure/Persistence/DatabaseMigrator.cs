using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// Creates or migrates every module's tables at start-up, before the server accepts requests
/// (hosted services start before Kestrel). Switched off with <c>Database:MigrateOnStartup=false</c>.
/// </summary>
internal sealed class DatabaseMigrator(
    IServiceProvider services,
    DatabaseOptions options,
    IEnumerable<ModuleDatabase> modules,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var module in modules.Where(_ => options.MigrateOnStartup))
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers proceed while one writer commits; set once, it persists in the file.
                await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }

            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Database schema {Schema} is up to date", module.Schema);
        }

        foreach (var seeder in scope.ServiceProvider.GetServices<IDataSeeder>())
        {
            await seeder.SeedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Reference data a module needs in a new database (Terms version, model catalogue). Must be idempotent.</summary>
public interface IDataSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
