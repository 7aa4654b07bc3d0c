using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// Empties every module table between tests with Respawn, keeping the EF migrations history (and Hangfire's
/// tables), so the schema stays migrated. Respawn also deletes the reference data the app seeds at start-up (the
/// Terms version, the model catalogue), so <c>afterReset</c> must re-run the app's seeders.
/// The Respawner is built on the first reset, which must come after the app created its schema.
/// </summary>
/// <param name="moduleSchemas">
/// The schemas of the app's modules (its <c>ModuleDatabase</c> registrations), reset on PostgreSQL together with any
/// other schema that holds EF migrations history.
/// </param>
public sealed class DatabaseResetter(string connectionString, bool isPostgres, IEnumerable<string> moduleSchemas, Func<Task>? afterReset = null) : IDisposable
{
    private const string HistoryTableSuffix = "__ef_migrations_history";

    // Hangfire.Storage.SQLite's tables; they normally live in their own file, but must never be emptied under it.
    private static readonly string[] HangfireSqliteTables =
        ["AggregatedCounter", "Counter", "DistributedLock", "Hash", "Job", "JobParameter", "JobQueue", "List", "Server", "Set", "State"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Respawner? _respawner;

    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = isPostgres ? (DbConnection)new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            _respawner ??= await Respawner.CreateAsync(connection, await BuildOptionsAsync(connection, cancellationToken));
            await _respawner.ResetAsync(connection);
        }
        finally
        {
            _gate.Release();
        }

        if (afterReset is not null)
        {
            await afterReset();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<RespawnerOptions> BuildOptionsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (isPostgres)
        {
            // Module schemas are those with an EF history table; Hangfire's schema ("hangfire") has none.
            var migrated = await QueryStringsAsync(connection,
                $"SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = '{HistoryTableSuffix}'",
                cancellationToken);
            return new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = [.. moduleSchemas.Union(migrated)],
                // The shared Data Protection key ring outlives a reset, as it outlives any deletion of data: the running
                // apps hold its keys in memory, and a key gone from the table would leave an app started later unable
                // to read what they encrypted.
                TablesToIgnore = [new Table(HistoryTableSuffix), new Table("__EFMigrationsHistory"), new Table("dataprotection", "keys")],
            };
        }

        // SQLite has no schemas: module tables are prefixed ("billing_…") and each module's history table is
        // "<schema>___ef_migrations_history".
        var tables = await QueryStringsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", cancellationToken);
        var ignored = tables
            .Where(t => t.EndsWith(HistoryTableSuffix, StringComparison.OrdinalIgnoreCase)
                || t.Equals("__EFMigrationsHistory", StringComparison.OrdinalIgnoreCase))
            .Concat(HangfireSqliteTables)
            .Select(t => new Table(t));
        return new RespawnerOptions { DbAdapter = DbAdapter.Sqlite, TablesToIgnore = [.. ignored] };
    }

    private static async Task<List<string>> QueryStringsAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
