using System.Text.RegularExpressions;
using Npgsql;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server the integration tests use: the one in <c>OMNIAKEY_TEST_POSTGRES</c> (a Npgsql connection
/// string for a user who may CREATE DATABASE) when it is set, otherwise a <see cref="ThrowawayPostgres"/> cluster
/// that the first PostgreSQL test starts and every other test of the run shares. If no server can be had, every
/// PostgreSQL test fails with the same one-line reason; the start is not tried again.
/// </summary>
public static partial class TestPostgres
{
    public const string EnvironmentVariable = "OMNIAKEY_TEST_POSTGRES";

    private static readonly Lazy<Task<Server>> LazyServer = new(FindServerAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Drops the database if it exists, creates it empty, and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await DropDatabaseAsync(name);
        await ExecuteOnServerAsync($"CREATE DATABASE \"{CheckName(name)}\"");
        return new NpgsqlConnectionStringBuilder(await ServerConnectionStringAsync()) { Database = name, IncludeErrorDetail = true }.ConnectionString;
    }

    /// <summary>Drops the database, closing any connection still open to it (PostgreSQL 13+).</summary>
    public static Task DropDatabaseAsync(string name) =>
        ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{CheckName(name)}\" WITH (FORCE)");

    /// <summary>A connection string to the server's <c>postgres</c> database; starts the throwaway server on first use.</summary>
    public static async Task<string> ServerConnectionStringAsync()
    {
        var server = await LazyServer.Value;
        return server.ConnectionString ?? throw new InvalidOperationException(server.Failure);
    }

    private static async Task<Server> FindServerAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return new Server(configured, null);
        }

        try
        {
            return new Server(await ThrowawayPostgres.StartAsync(), null);
        }
        catch (InvalidOperationException e)
        {
            // Kept as text: each test gets a fresh exception with this one line, not a shared one whose stack grows.
            return new Server(null, e.Message);
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await ServerConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string CheckName(string name) =>
        DatabaseName().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a safe database name (lower-case letters, digits, '_', at most 63).", nameof(name));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();

    private sealed record Server(string? ConnectionString, string? Failure);
}
