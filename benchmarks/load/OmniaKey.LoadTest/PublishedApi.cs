using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OmniaKey.LoadTest;

/// <summary>
/// The Api as it is deployed (docs/adr/0023): <c>dotnet publish -r &lt;this machine's RID&gt;</c>, which precompiles
/// it and its packages ReadyToRun, so that a restart does not JIT EF Core, Npgsql and Hangfire from scratch. Published
/// once per run into <c>benchmarks/load/bin/api-publish</c> (incremental after the first time), with its own
/// intermediate directory so that it never disturbs the ordinary build's. <c>OMNIAKEY_BENCH_API=build</c> runs the
/// plain build output instead (<see cref="Repository.ApiOutput"/>), as <c>dotnet run --project src/Api</c> would;
/// <c>OMNIAKEY_BENCH_API=&lt;directory&gt;</c> runs an Api published there before, so that two builds can be measured
/// in interleaved runs (A/B) without publishing between them.
/// </summary>
internal static class PublishedApi
{
    private static readonly Lazy<string> Output = new(Publish);

    /// <summary>The directory holding the <c>OmniaKey.Api.dll</c> to run.</summary>
    public static string Directory => Environment.GetEnvironmentVariable("OMNIAKEY_BENCH_API") switch
    {
        { } choice when string.Equals(choice, "build", StringComparison.OrdinalIgnoreCase) => Repository.ApiOutput,
        { Length: > 0 } published when File.Exists(Path.Combine(published, "OmniaKey.Api.dll")) => published,
        { Length: > 0 } other => throw new InvalidOperationException($"OMNIAKEY_BENCH_API={other}: not 'build' and not a directory holding OmniaKey.Api.dll."),
        _ => Output.Value,
    };

    private static string Publish()
    {
        var configuration = typeof(PublishedApi).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var root = Path.Combine(Repository.Root, "benchmarks", "load", "bin", "api-publish");
        var output = Path.Combine(root, "out");
        var started = Stopwatch.StartNew();
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] Publishing the Api ReadyToRun for {RuntimeInformation.RuntimeIdentifier} into {output} (set OMNIAKEY_BENCH_API=build to run the build output instead)");
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", Path.Combine(Repository.Root, "src", "Api", "OmniaKey.Api.csproj"),
                "-c", configuration, "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
                "--artifacts-path", Path.Combine(root, "artifacts"), "-o", output, "-v", "q", "-nologo",

                // No MSBuild node or compiler server is left running beside the servers being measured.
                "-nodeReuse:false", "-p:UseSharedCompilation=false",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the Api failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] Published in {started.Elapsed.TotalSeconds:F0} s");
        return output;
    }
}
