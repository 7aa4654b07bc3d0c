using System.Globalization;

namespace OmniaKey.LoadTest;

/// <summary>Which database OmniaKey's billing runs on.</summary>
/// <param name="Provider"><c>Postgres</c> or <c>Sqlite</c>, as <c>Database:Provider</c> takes it.</param>
internal sealed record DatabaseChoice(string Key, string Label, string Provider, string ConnectionString);

/// <summary>
/// OmniaKey itself: the Api published as it is deployed (<see cref="PublishedApi"/>: ReadyToRun for this machine)
/// run with <c>dotnet</c> in its own process, configured through environment variables as a deployment would be. Production environment, logging at Warning, the OpenAI
/// upstream pointed at the fake, the Hangfire job server off (no background polling while measuring; its jobs
/// only clean up after failures), billing fully on.
/// </summary>
internal static class OmniaKeyServer
{
    public static ServerProcess Start(string name, DatabaseChoice database, string upstreamBaseUrl, string dataDirectory, string adminToken, string logDirectory)
    {
        var port = ServerProcess.FreePort();
        var apiOutput = PublishedApi.Directory;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__OmniaKey"] = database.ConnectionString,
            ["Data__Directory"] = dataDirectory,
            ["Admin__BootstrapToken"] = adminToken,
            ["Upstreams__OpenAI__BaseUrl"] = upstreamBaseUrl,
            ["Upstreams__OpenAI__ApiKey"] = FakeUpstream.ApiKey,
            ["Jobs__Storage"] = "InMemory",
            ["Jobs__Server__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",

            // A throwaway database: its key ring needs no certificate (docs/key-ring.md). The ring is read at start-up
            // only, so protecting it would not change what is measured.
            ["DataProtection__AllowUnprotectedKeys"] = "true",
        };

        // For A/B runs of runtime settings: OMNIAKEY_BENCH_API_ENV="NAME=value;NAME=value" is added to (or overrides) the above.
        foreach (var pair in (Environment.GetEnvironmentVariable("OMNIAKEY_BENCH_API_ENV") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            environment[parts[0]] = parts.Length == 2 ? parts[1] : string.Empty;
        }

        return ServerProcess.Start(name, "dotnet", [Path.Combine(apiOutput, "OmniaKey.Api.dll")], port, logDirectory, environment, apiOutput);
    }
}
