using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// Loads every module's EF Core model in the background from the moment the application is built, before the hosted
/// services start (docs/adr/0051). The models are compiled (scripts/optimize-models.sh), but each still has to be
/// initialised on first use (its relational mapping, its services), on one core, by whichever context asks first. A
/// model depends on the code only, not on the database, so that is done here, side by side, while the key ring's
/// start-up holds the first connection; the migrator's schema check then finds the models ready.
/// </summary>
internal static partial class ModelWarmup
{
    /// <summary>Starts the builds; returns at once.</summary>
    public static void Start(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModelWarmup));
        foreach (var module in services.GetServices<ModuleDatabase>())
        {
            _ = Task.Run(() => Build(services, module, logger));
        }
    }

    private static void Build(IServiceProvider services, ModuleDatabase module, ILogger logger)
    {
        try
        {
            // No connection is opened: resolving a context and reading its model touch no database.
            using var scope = services.CreateScope();
            _ = ((DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType)).Model;
        }
        catch (Exception e)
        {
            // The schema check loads it again and fails the start with this error if it persists.
            LogBuildFailed(logger, e, module.Schema);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading the {Schema} model ahead of the schema check failed; the check will load it")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception, string schema);
}
