namespace OmniaKey.LoadTest;

/// <summary>A fresh database for one OmniaKey target, and its data directory; both removed on dispose.</summary>
internal sealed class BenchDatabase(DatabaseChoice choice, string dataDirectory, Func<Task> drop) : IAsyncDisposable
{
    public DatabaseChoice Choice { get; } = choice;

    public string DataDirectory { get; } = dataDirectory;

    public async ValueTask DisposeAsync()
    {
        await drop();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Leaves a temp directory behind at worst.
        }
    }
}

/// <summary>Makes the databases: SQLite files under <c>--data-dir</c>, PostgreSQL databases on the resolved server.</summary>
internal sealed class Databases(BenchOptions options)
{
    private bool postgresResolved;
    private string? postgresServer;

    /// <summary>A fresh database, or null (and a FAIL check) when PostgreSQL cannot be had.</summary>
    public async Task<BenchDatabase?> CreateAsync(string key, List<Check> checks)
    {
        var id = Guid.NewGuid().ToString("N");
        var dataDirectory = Path.Combine(options.DataRoot, "omniakey-bench", id);
        Directory.CreateDirectory(dataDirectory);
        if (key == "sqlite")
        {
            var file = Path.Combine(dataDirectory, "omniakey.db");
            return new BenchDatabase(new DatabaseChoice("sqlite", "OmniaKey (SQLite)", "Sqlite", $"Data Source={file}"), dataDirectory, () => Task.CompletedTask);
        }

        if (!postgresResolved)
        {
            postgresResolved = true;
            postgresServer = await PostgresServer.ResolveAsync(options.Postgres);
            checks.Add(new Check("PostgreSQL available", postgresServer is not null,
                postgresServer is null ? "no --postgres, no OMNIAKEY_TEST_POSTGRES, and scripts/start-postgres.sh failed" : "a connection string from --postgres, OMNIAKEY_TEST_POSTGRES or scripts/start-postgres.sh"));
        }

        if (postgresServer is not { } server)
        {
            Directory.Delete(dataDirectory, recursive: true);
            return null;
        }

        var database = "omniakey_bench_" + id;
        var connection = await PostgresServer.CreateDatabaseAsync(server, database);
        return new BenchDatabase(
            new DatabaseChoice("postgres", "OmniaKey (PostgreSQL)", "Postgres", connection),
            dataDirectory,
            () => PostgresServer.DropDatabaseAsync(server, database));
    }
}
