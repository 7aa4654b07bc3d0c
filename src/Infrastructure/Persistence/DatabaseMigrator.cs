using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// Creates or migrates every module's tables at start-up, before the server accepts requests
/// (hosted services start before Kestrel), then runs the seeders. Migrations are switched off with
/// <c>Database:MigrateOnStartup=false</c>; the seeders always run, side by side.
/// </summary>
/// <remarks>
/// A restart on an up-to-date database is the common case, so it is made cheap (docs/adr/0023): every module's context
/// is checked at the same time, each in its own scope and connection, by reading its migrations history only (the
/// models themselves are loaded in the background before this runs: <see cref="ModelWarmup"/>). Only a context with a pending migration goes through
/// <c>MigrateAsync</c>, one after the other in module order; that path takes EF's migration lock and re-reads the
/// history, so two instances starting together still apply each migration once; and the whole start-up step runs under
/// the <see cref="StartupLock"/>, so they also seed one after the other. The check that the model has no
/// changes without a migration is a test (MigrationsTests), not a start-up cost.
/// </remarks>
internal sealed class DatabaseMigrator(
    IServiceProvider services,
    DatabaseOptions options,
    IEnumerable<ModuleDatabase> modules,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Instances starting together on a new database take turns: the seeders insert their rows once.
        await using var startupLock = await StartupLock.AcquireAsync(services, cancellationToken).ConfigureAwait(false);
        if (options.MigrateOnStartup)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        // Seeders touch different tables, so they run side by side, each in its own scope and connection.
        int seeders;
        await using (var scope = services.CreateAsyncScope())
        {
            seeders = scope.ServiceProvider.GetServices<IDataSeeder>().Count();
        }

        await Task.WhenAll(Enumerable.Range(0, seeders).Select(index => Task.Run(() => SeedAsync(index, cancellationToken), cancellationToken))).ConfigureAwait(false);
    }

    private async Task SeedAsync(int index, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IDataSeeder>().ElementAt(index).SeedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await EnableWriteAheadLogAsync(cancellationToken).ConfigureAwait(false);
        }

        var checks = modules.Select(module => Task.Run(() => HasPendingMigrationsAsync(module, cancellationToken), cancellationToken)).ToList();
        var pending = await Task.WhenAll(checks).ConfigureAwait(false);

        await using var scope = services.CreateAsyncScope();
        foreach (var (module, index) in modules.Select((module, index) => (module, index)))
        {
            if (pending[index])
            {
                var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
                await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }

            logger.LogInformation("Database schema {Schema} is up to date", module.Schema);
        }
    }

    /// <summary>Reads the module's migrations history.</summary>
    private async Task<bool> HasPendingMigrationsAsync(ModuleDatabase module, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        var pending = await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        return pending.Any();
    }

    /// <summary>WAL lets readers proceed while one writer commits; set once, it persists in the file.</summary>
    private async Task EnableWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(modules.First().ContextType);
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Reference data a module needs in a new database (Terms version, model catalogue). Must be idempotent.</summary>
public interface IDataSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
