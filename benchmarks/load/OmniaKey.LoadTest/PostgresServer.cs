using System.Diagnostics;
using Npgsql;

namespace OmniaKey.LoadTest;

/// <summary>
/// The PostgreSQL server for OmniaKey's billing: the one given with <c>--postgres</c>, else
/// <c>$OMNIAKEY_TEST_POSTGRES</c>, else the throwaway cluster <c>scripts/start-postgres.sh</c> starts (or reuses) for
/// the test suite. Each gateway run gets a database of its own, dropped afterwards.
/// </summary>
internal static class PostgresServer
{
    public static async Task<string?> ResolveAsync(string? given)
    {
        if (given is not null)
        {
            return given;
        }

        if (Environment.GetEnvironmentVariable("OMNIAKEY_TEST_POSTGRES") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var info = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "start-postgres.sh")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var script = Process.Start(info)!;
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await script.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
        }

        const string prefix = "OMNIAKEY_TEST_POSTGRES=";
        var line = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (line is null)
        {
            Console.Error.WriteLine($"scripts/start-postgres.sh did not start PostgreSQL: {await stderr}");
            return null;
        }

        return line[prefix.Length..].Trim();
    }

    /// <summary>Creates a fresh database and returns the connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string server, string database)
    {
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
