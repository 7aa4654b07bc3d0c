using System.Text.RegularExpressions;
using Npgsql;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server the integration tests use, from <c>OMNIAKEY_TEST_POSTGRES</c> (a Npgsql connection string
/// for a user who may CREATE DATABASE). Without it the PostgreSQL tests fail loudly instead of passing silently.
/// </summary>
public static partial class TestPostgres
{
    public const string EnvironmentVariable = "OMNIAKEY_TEST_POSTGRES";

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"PostgreSQL tests need {EnvironmentVariable}; run scripts/start-postgres.sh " +
                "(it prints OMNIAKEY_TEST_POSTGRES=...; export \"$(scripts/start-postgres.sh)\").");

    /// <summary>Drops the database if it exists, creates it empty, and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await DropDatabaseAsync(name);
        await ExecuteOnServerAsync($"CREATE DATABASE \"{CheckName(name)}\"");
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, IncludeErrorDetail = true }.ConnectionString;
    }

    /// <summary>Drops the database, closing any connection still open to it (PostgreSQL 13+).</summary>
    public static Task DropDatabaseAsync(string name) =>
        ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{CheckName(name)}\" WITH (FORCE)");

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
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
}
