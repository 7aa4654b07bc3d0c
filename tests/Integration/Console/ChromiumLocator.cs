using System.Diagnostics;
using OmniaKey.IntegrationTests.Deployment;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// The machine's Chromium, found (or installed with apt) by <c>scripts/ensure-chromium.sh</c>: the browser tests drive
/// it headless through Playwright and never download a browser. <c>OMNIAKEY_TEST_CHROMIUM</c> names another one.
/// </summary>
internal static class ChromiumLocator
{
    private const string ScriptPath = "scripts/ensure-chromium.sh";

    public static async Task<string> FindAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, ScriptPath)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var path = (await output).Trim();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{ScriptPath} found no Chromium (exit code {process.ExitCode}): {await errors} "
                + "Install it (apt-get install -y chromium) or set OMNIAKEY_TEST_CHROMIUM to its path.");
        }

        return path;
    }
}
