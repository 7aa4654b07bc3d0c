using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Startup;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// Loads every module's EF Core model in the background from the moment the application is built, before the hosted
/// services start (docs/adr/0051). The models are compiled (scripts/optimize-models.sh), but each still has to be
/// initialised on first use (its relational mapping, its services), on one core, by whichever context asks first. A
/// model depends on the code only, not on the database, so that is done here, side by side, while the key ring's
/// start-up holds the first connection; the migrator's schema check then finds the models ready.
/// </summary>
internal static class ModelWarmup
{
    /// <summary>Starts the builds; returns at once.</summary>
    public static void Start(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModelWarmup));
        foreach (var module in services.GetServices<ModuleDatabase>())
        {
            // If it fails, the schema check loads it again and fails the start with that error if it persists.
            _ = AheadOfTimeWork.Start(logger, $"Loading the {module.Schema} model", "the schema check", () =>
            {
                // No connection is opened: resolving a context and reading its model touch no database.
                using var scope = services.CreateScope();
                _ = ((DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType)).Model;
                return Task.CompletedTask;
            });
        }
    }
}
