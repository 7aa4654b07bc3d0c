using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Security.KeyRing;

/// <summary>
/// Where the Data Protection keys live and how they are protected at rest (docs/key-ring.md, docs/adr/0034): in the
/// database on PostgreSQL and SQL Server, so that every instance shares them, encrypted with the configured
/// certificate; in <c>&lt;Data:Directory&gt;/keys</c> on SQLite, encrypted too when a certificate is configured.
/// The ring encrypts channel credentials and signs customer sessions, so losing it or sharing it unprotected is costly.
/// </summary>
internal static class KeyRingRegistration
{
    public const string ApplicationName = "OmniaKey";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var database = DatabaseOptions.FromConfiguration(configuration, dataDirectory);
        var settings = KeyRingSettings.From(configuration);
        var inDatabase = database.Provider != DatabaseProvider.Sqlite;
        if (inDatabase && settings.Certificate is null && !settings.AllowUnprotectedKeys)
        {
            throw new InvalidOperationException(
                $"The Data Protection keys (which encrypt channel credentials and sign customer sessions) are kept in the database with " +
                $"Database:Provider {database.Provider}, and must be protected there: set {KeyRingSettings.CertificatePathKey} to a PFX file " +
                $"with a private key (and {KeyRingSettings.CertificatePasswordKey}), or, for development only, " +
                $"{KeyRingSettings.AllowUnprotectedKeysKey}=true. See docs/key-ring.md.");
        }

        // Loaded now, so that a missing or unreadable file stops start-up instead of the first encryption.
        var certificate = settings.Certificate is null ? null : KeyRingCertificates.Load(settings.Certificate);
        var previous = settings.PreviousCertificates.Select(KeyRingCertificates.Load).ToList();

        services.AddModuleDbContext<KeyRingDbContext, SqliteKeyRingDbContext, PostgresKeyRingDbContext, SqlServerKeyRingDbContext>(KeyRingDbContext.SchemaName);
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var location = inDatabase
            ? $"the database (schema {KeyRingDbContext.SchemaName})"
            : Path.Combine(dataDirectory, "keys");
        if (inDatabase)
        {
            dataProtection.PersistKeysToDbContext<KeyRingDbContext>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(location));
        }

        if (certificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
            dataProtection.UnprotectKeysWithAnyCertificate([certificate, .. previous]);
        }

        var state = new KeyRingState(location, inDatabase, certificate?.Thumbprint, [.. previous.Select(c => c.Thumbprint)]);

        // First of all hosted services: Data Protection's own loads the ring at start-up, before DatabaseMigrator
        // runs, so the ring's table must exist by then.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<KeyRingStartup>(sp, state)));
        return services;
    }
}

/// <summary>How the key ring was set up, for the start-up log.</summary>
internal sealed record KeyRingState(string Location, bool InDatabase, string? CertificateThumbprint, IReadOnlyList<string> PreviousThumbprints);
