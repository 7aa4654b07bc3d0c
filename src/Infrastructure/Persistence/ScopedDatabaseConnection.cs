using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OmniaKey.Infrastructure.Persistence;

/// <summary>
/// The one database connection of a DI scope (a request, a job, an outbox delivery). Every module's DbContext in
/// the scope uses it, which is what lets one transaction span several modules' contexts on the same database. Opened
/// lazily by EF Core or the unit of work; closed when the scope ends.
/// </summary>
internal sealed class ScopedDatabaseConnection(DatabaseOptions options, NpgsqlDataSource? postgres = null) : IDisposable, IAsyncDisposable
{
    private DbConnection? connection;

    public DbConnection Connection => connection ??= options.Provider switch
    {
        DatabaseProvider.Postgres => (postgres ?? throw new InvalidOperationException("The PostgreSQL data source is not registered.")).CreateConnection(),
        DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
        _ => new SqliteConnection(options.ConnectionString),
    };

    public void Dispose() => connection?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
