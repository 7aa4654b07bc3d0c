using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Health;

/// <summary>
/// The database answers, and every module's schema has every migration this build knows (none pending): an instance
/// of a newer build whose migrations have not run yet is not ready. One connection, one history read per module,
/// at most once per <see cref="Period"/>.
/// </summary>
internal sealed partial class DatabaseHealthCheck(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabase> modules,
    DatabaseOptions database,
    TimeProvider clock,
    ILogger<DatabaseHealthCheck> logger) : CachedHealthCheck(clock, Period)
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, object> { ["provider"] = database.Provider.ToString() };
        try
        {
            await using var scope = scopes.CreateAsyncScope();

            // Opened here once, so that every module's history read shares it (EF leaves open what it did not open).
            await scope.ServiceProvider.GetRequiredService<ScopedDatabaseConnection>().Connection.OpenAsync(cancellationToken);
            var pending = new List<string>();
            foreach (var module in modules)
            {
                var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
                if ((await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    pending.Add(module.Schema);
                }
            }

            data["schemas"] = modules.Count();
            if (pending.Count > 0)
            {
                data["pending_migrations"] = pending;
                return HealthCheckResult.Unhealthy($"Migrations are pending for: {string.Join(", ", pending)}.", data: data);
            }

            return HealthCheckResult.Healthy("The database answers and every schema is up to date.", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, e);
            return HealthCheckResult.Unhealthy($"The database cannot be reached ({e.GetType().Name}).", data: data);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the database cannot be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
