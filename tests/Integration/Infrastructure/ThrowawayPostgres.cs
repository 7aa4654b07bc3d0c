using System.Diagnostics;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of this test process's own, for when <c>OMNIAKEY_TEST_POSTGRES</c> is not set:
/// <c>scripts/start-postgres.sh</c> initdb's it into a fresh temporary directory (installing PostgreSQL with apt
/// where it is missing) and starts it on a free port, so it never reuses or touches another cluster. It is stopped
/// and its directory deleted at the end of the run (<see cref="IntegrationTestFramework"/>) or, failing that, when
/// the process exits; should the process be killed first, the watcher the script leaves behind
/// (<c>PG_OWNER_PID</c>) does it a second later.
/// </summary>
internal static class ThrowawayPostgres
{
    private const string ScriptPath = "scripts/start-postgres.sh";
    private const string OutputPrefix = TestPostgres.EnvironmentVariable + "=";

    /// <summary>initdb is quick; installing PostgreSQL first is not.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lock Gate = new();
    private static (string Script, string DataDirectory)? _started;

    /// <summary>Starts the cluster and returns a connection string to its <c>postgres</c> database.</summary>
    /// <exception cref="InvalidOperationException">No server could be had; the message is one line that says why.</exception>
    public static async Task<string> StartAsync()
    {
        var script = FindScript();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"omniakey-test-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        lock (Gate)
        {
            _started = (script, dataDirectory);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove();

        var (exitCode, output, errors) = await RunScriptAsync(script, dataDirectory, StartTimeout);
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(OutputPrefix, StringComparison.Ordinal));
        if (exitCode == 0 && line is not null)
        {
            return line[OutputPrefix.Length..];
        }

        Remove();
        var reason = errors.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "no output";
        throw new InvalidOperationException(
            $"{TestPostgres.EnvironmentVariable} is not set and {ScriptPath} could not start a PostgreSQL server "
            + $"(exit code {exitCode}: {reason}); set {TestPostgres.EnvironmentVariable} to a server of yours.");
    }

    /// <summary>The script in the repository this test assembly was built from: the first directory up with OmniaKey.sln.</summary>
    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OmniaKey.sln")))
            {
                return Path.Combine(directory.FullName, ScriptPath);
            }
        }

        throw new InvalidOperationException(
            $"{TestPostgres.EnvironmentVariable} is not set and no OmniaKey.sln (with {ScriptPath}) was found above "
            + $"{AppContext.BaseDirectory}; set {TestPostgres.EnvironmentVariable} to a PostgreSQL server of yours.");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunScriptAsync(
        string script, string dataDirectory, TimeSpan timeout, string? argument = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            ArgumentList = { script },
            Environment = { ["PGDATA_DIR"] = dataDirectory },
        };
        if (argument is null)
        {
            start.Environment["PG_OWNER_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (-1, "", $"cannot run bash: {e.Message}");
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"timed out after {timeout.TotalMinutes:0.#} min");
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Stops the cluster, if one was started, and deletes its directory; best effort, once.</summary>
    public static void Remove()
    {
        string script, dataDirectory;
        lock (Gate)
        {
            if (_started is null)
            {
                return;
            }

            (script, dataDirectory) = _started.Value;
            _started = null;
        }

        try
        {
            RunScriptAsync(script, dataDirectory, StopTimeout, "--stop").GetAwaiter().GetResult();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The watcher the script left behind removes it once this process is gone.
        }
    }
}
