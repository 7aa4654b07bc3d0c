using Microsoft.Extensions.Configuration;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>Where the data lives. Built once from configuration; the SQLite default needs no setup at all.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public static DatabaseOptions FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not supported; use Sqlite, Postgres or SqlServer.");
        }

        var connectionString = configuration.GetConnectionString("OmniaKey");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException($"ConnectionStrings:OmniaKey is required for Database:Provider {provider}.");
            }

            var dataDirectory = Path.Combine(contentRoot, "App_Data");
            Directory.CreateDirectory(dataDirectory);
            connectionString = $"Data Source={Path.Combine(dataDirectory, "omniakey.db")}";
        }

        var migrate = !bool.TryParse(configuration["Database:MigrateOnStartup"], out var flag) || flag;
        return new DatabaseOptions(provider, connectionString, migrate);
    }
}
