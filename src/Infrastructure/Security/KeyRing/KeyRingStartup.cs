using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Security.KeyRing;

/// <summary>
/// Runs before every other hosted service. When the ring is kept in the database, it creates the ring's table (Data
/// Protection reads the ring at start-up, before <see cref="DatabaseMigrator"/> gets to it; the migrator then finds
/// it up to date) and loads the ring, both under the <see cref="StartupLock"/>. Then it says where the ring is and how
/// it is protected — with a warning when it is not.
/// </summary>
internal sealed partial class KeyRingStartup(
    KeyRingState state,
    DatabaseOptions database,
    IServiceProvider services,
    IDataProtectionProvider dataProtection,
    ILogger<KeyRingStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (state.InDatabase)
        {
            await using var startupLock = await StartupLock.AcquireAsync(services, cancellationToken).ConfigureAwait(false);
            if (database.MigrateOnStartup)
            {
                await using var scope = services.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<KeyRingDbContext>();
                if ((await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any())
                {
                    await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            // Loads the ring, creating its first key if it has none, while no other instance can: every instance then
            // encrypts with that one key instead of a key of its own that the others would not yet know.
            dataProtection.CreateProtector("OmniaKey.KeyRing.Startup").Protect([]);
        }

        if (state.CertificateThumbprint is { } thumbprint)
        {
            LogProtected(logger, state.Location, thumbprint, state.PreviousThumbprints.Count);
        }
        else if (state.InDatabase)
        {
            LogUnprotectedInDatabase(logger);
        }
        else
        {
            LogFileRing(logger, state.Location);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Data Protection keys are kept in {Location}, encrypted with the certificate {Thumbprint} ({PreviousCount} previous certificates can still decrypt)")]
    private static partial void LogProtected(ILogger logger, string location, string thumbprint, int previousCount);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "DataProtection:AllowUnprotectedKeys is true: the Data Protection keys are kept in the database UNENCRYPTED, so anyone " +
                  "with a copy of the database can decrypt channel credentials and forge customer sessions. Use this in development only; " +
                  "set DataProtection:Certificate:Path in production (docs/key-ring.md)")]
    private static partial void LogUnprotectedInDatabase(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Data Protection keys are kept in {Location}, unencrypted (SQLite, single machine); set DataProtection:Certificate:Path to encrypt them")]
    private static partial void LogFileRing(ILogger logger, string location);
}
