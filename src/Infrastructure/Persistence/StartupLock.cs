using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// A lock shared by every instance on one database, held while an instance's start-up does what must happen once:
/// creating the first Data Protection key, seeding reference data. Without it, two instances starting together on a
/// new database each create a key of their own (and each encrypts with its own, which the other cannot read until
/// it next reloads the ring), or both insert the same seed rows and one fails to start. PostgreSQL: a session
/// advisory lock (per database); SQL Server: a session application lock; SQLite: none, one machine runs it.
/// Held on a connection of its own, released on dispose (and by the server if the process dies).
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    // The advisory lock's key is "OmniaKey" in ASCII (0x4F6D6E69614B6579): any fixed number works, as long as no
    // other application on the database uses it.
    public const string PostgresAcquireSql = "SELECT pg_advisory_lock(5723352100340721017)";
    public const string PostgresReleaseSql = "SELECT pg_advisory_unlock(5723352100340721017)";

    public const string SqlServerAcquireSql =
        "EXEC sp_getapplock @Resource = N'OmniaKey.Startup', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = -1;";

    public const string SqlServerReleaseSql = "EXEC sp_releaseapplock @Resource = N'OmniaKey.Startup', @LockOwner = N'Session';";

    private readonly DbConnection? connection;
    private readonly string? releaseSql;

    private StartupLock(DbConnection? connection, string? releaseSql)
    {
        this.connection = connection;
        this.releaseSql = releaseSql;
    }

    /// <summary>Waits for the lock; start-up's own cancellation token bounds the wait.</summary>
    public static async Task<StartupLock> AcquireAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        DbConnection connection;
        string acquire, release;
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                connection = services.GetRequiredService<NpgsqlDataSource>().CreateConnection();
                (acquire, release) = (PostgresAcquireSql, PostgresReleaseSql);
                break;
            case DatabaseProvider.SqlServer:
                connection = new SqlConnection(options.ConnectionString);
                (acquire, release) = (SqlServerAcquireSql, SqlServerReleaseSql);
                break;
            default:
                return new StartupLock(null, null);
        }

        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, acquire, cancellationToken).ConfigureAwait(false);
            return new StartupLock(connection, release);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            // Explicitly: a pooled connection's session outlives its Dispose, and the lock with it.
            await ExecuteAsync(connection, releaseSql!, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0; // the wait for another instance's start-up is bounded by the caller's token
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
