using Npgsql;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>How OmniaKey builds its PostgreSQL connection pools (the application's and the billing batches').</summary>
public static class PostgresDataSources
{
    /// <summary>
    /// A pool for <paramref name="connectionString"/> that does not load the server's type catalogue. OmniaKey's tables
    /// and statements use PostgreSQL's built-in types only (no enums, extensions or composites), which Npgsql knows
    /// without asking; loading the catalogue costs each pool a query on its first connection and the type mappings
    /// built from its answer, which is start-up time spent for nothing (docs/adr/0050-startup-work-trimmed.md).
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        return builder.Build();
    }
}
