using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace OmniaKey.LoadTest;

/// <summary>
/// The one command (<c>docs/performance.md</c>): the fake upstream, the floor and OmniaKey on PostgreSQL and on SQLite,
/// each in its own process on loopback, one after the other through the same measurements; then the report, written to
/// <c>--out</c>. Exits 1 when a correctness check fails (the ledger, holds, billing, failed calls), 3 on the hard limit.
/// </summary>
internal static class BenchmarkRun
{
    private static readonly string[] DatabaseTargets = ["postgres", "sqlite"];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        var stamp = DateTime.UtcNow;
        var logDirectory = Path.Combine(Path.GetTempPath(), "omniakey-bench", stamp.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var loadBefore = LoadAverage();
        using var hardLimit = new Timer(_ => HardLimit(options), null, TimeSpan.FromMinutes(options.MaxMinutes), Timeout.InfiniteTimeSpan);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = TimeSpan.FromMinutes(3),
        };
        Console.WriteLine($"OmniaKey end-to-end benchmark, {stamp:yyyy-MM-dd HH:mm} UTC; servers' logs in {logDirectory}");

        // Published before anything is measured, so that the build's CPU burst (and anything it leaves running) is
        // over before the first measurement, not just before OmniaKey's startup is timed.
        if (options.Targets.Intersect(DatabaseTargets).Any() || options.Scenarios.Contains("soak"))
        {
            _ = PublishedApi.Directory;
        }

        var scenarios = new Scenarios(options, http);
        var results = new List<TargetResult>();
        var checks = new List<Check>();
        SoakResult? soak = null;
        var self = SelfCommand();
        var upstreamPort = ServerProcess.FreePort();
        await using var upstream = ServerProcess.Start("upstream", self[0], [.. self[1..], "serve-upstream",
            "--port", Str(upstreamPort), "--stream-chunks", Str(options.StreamChunks), "--chunk-interval-ms", Str((int)options.ChunkInterval.TotalMilliseconds),
            "--slow-chunks", Str(options.SoakSeconds), "--slow-interval-ms", "1000"], upstreamPort, logDirectory);
        var upstreamChat = new Uri(upstream.BaseAddress, "/v1/chat/completions");
        var upstreamStartup = await upstream.WaitUntilAnsweredAsync(ct => Probe.IsOkAsync(http, HttpMethod.Post, upstreamChat, FakeUpstream.ApiKey, ct), TimeSpan.FromSeconds(60));
        var measured = options.Scenarios.Except(["soak"]).Any();

        if (measured && options.Targets.Contains("direct"))
        {
            var result = new TargetResult("direct", "direct") { StartupMs = upstreamStartup.TotalMilliseconds };
            results.Add(await scenarios.RunAsync(new Target("direct", "direct", upstreamChat, FakeUpstream.ApiKey, upstream), result));
        }

        if (measured && options.Targets.Contains("floor"))
        {
            var port = ServerProcess.FreePort();
            await using var floor = ServerProcess.Start("floor", self[0], [.. self[1..], "serve-floor", "--port", Str(port), "--upstream", upstream.BaseAddress + "v1"], port, logDirectory);
            var chat = new Uri(floor.BaseAddress, "/v1/chat/completions");
            var result = new TargetResult("floor", "floor")
            {
                StartupMs = (await floor.WaitUntilAnsweredAsync(ct => Probe.IsOkAsync(http, HttpMethod.Post, chat, FakeUpstream.ApiKey, ct), TimeSpan.FromSeconds(60))).TotalMilliseconds,
            };
            results.Add(await scenarios.RunAsync(new Target("floor", "floor", chat, FakeUpstream.ApiKey, floor), result));
        }

        var databases = new Databases(options);
        var omniaKey = new OmniaKeyTarget(http, scenarios, logDirectory);
        foreach (var key in DatabaseTargets.Where(k => measured && options.Targets.Contains(k)))
        {
            try
            {
                await using var database = await databases.CreateAsync(key, checks);
                if (database is not null)
                {
                    var (result, targetChecks) = await omniaKey.RunAsync(database.Choice, upstream.BaseAddress + "v1", database.DataDirectory);
                    results.Add(result);
                    checks.AddRange(targetChecks);
                }
            }
            catch (Exception e) when (IsRunFailure(e))
            {
                checks.Add(Broke($"OmniaKey ({key})", e));
            }
        }

        if (options.Runs("soak"))
        {
            try
            {
                await using var database = await databases.CreateAsync(options.Targets.Contains("postgres") ? "postgres" : "sqlite", checks);
                if (database is not null)
                {
                    var (result, soakChecks) = await new Soak(options, http, logDirectory).RunAsync(database.Choice, upstream.BaseAddress + "slow/v1", database.DataDirectory);
                    soak = result;
                    checks.AddRange(soakChecks);
                }
            }
            catch (Exception e) when (IsRunFailure(e))
            {
                checks.Add(Broke("soak", e));
            }
        }

        checks.AddRange(results.Select(FailedCallsCheck));
        var header = Header(options, stamp, Stopwatch.GetElapsedTime(started), loadBefore, LoadAverage());
        var report = Report.Build(options, header, results, soak, checks);
        var outPath = options.Out ?? Path.Combine(Repository.Root, "benchmarks", "load", "results", "latest.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        await File.WriteAllTextAsync(outPath, report);
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"written to {outPath}");
        checks.ForEach(c => Console.WriteLine(c));
        return checks.All(c => c.Passed) ? 0 : 1;
    }

    /// <summary>Every call answered: no status of 400 or more, no socket error, every stream to its <c>[DONE]</c>.</summary>
    private static Check FailedCallsCheck(TargetResult t)
    {
        var runs = t.Saturation.Values.Append(t.Paced).Append(t.PacedCrossCheck).OfType<HttpRunResult>().ToList();
        var failed = runs.Sum(r => r.StatusErrors + r.SocketErrors);
        var failedStreams = t.Streams.Values.Sum(s => s.Opened - s.Completed);
        return new Check($"{t.Label}: every call answered", failed == 0 && failedStreams == 0,
            $"{runs.Sum(r => r.Answered)} calls answered, {failed} failed; {t.Streams.Values.Sum(s => s.Completed)} streams completed, {failedStreams} failed");
    }

    /// <summary>What stops one target (a server that does not start, a refused setup call) without stopping the run.</summary>
    private static bool IsRunFailure(Exception e) =>
        e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or Npgsql.NpgsqlException;

    private static Check Broke(string label, Exception e)
    {
        Console.Error.WriteLine($"{label} stopped: {e}");
        return new Check($"{label}: ran to the end", false, e.Message);
    }

    private static string Header(BenchOptions options, DateTime stamp, TimeSpan took, string loadBefore, string loadAfter) =>
        $"""
        ## End-to-end benchmark, {stamp:yyyy-MM-dd HH:mm} UTC

        Command: `dotnet run -c Release --project benchmarks/load/OmniaKey.LoadTest --{(Environment.GetCommandLineArgs().Length > 1 ? " " + string.Join(' ', Environment.GetCommandLineArgs()[1..]) : string.Empty)}`
        ({(options.Quick ? "quick smoke run" : "full run")}, {took.TotalMinutes:F1} min). Machine: {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical CPUs, {CpuModel()}; load average (1, 5, 15 min) {loadBefore} before, {loadAfter} after. Every server on 127.0.0.1, each in its own process; wrk {WrkVersion()}.

        """;

    private static void HardLimit(BenchOptions options)
    {
        Console.Error.WriteLine($"The run passed its hard limit of {options.MaxMinutes} minutes (--max-minutes); stopping. Its servers go with it.");
        Environment.Exit(3);
    }

    /// <summary>How to run this program again with a verb: its apphost, or <c>dotnet</c> and its dll.</summary>
    private static string[] SelfCommand()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? [path, typeof(BenchmarkRun).Assembly.Location] : [path];
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static string WrkVersion()
    {
        try
        {
            using var wrk = Process.Start(new ProcessStartInfo("wrk", ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = wrk.StandardOutput.ReadToEnd() + wrk.StandardError.ReadToEnd();
            wrk.WaitForExit();
            return text.Split('\n')[0].Split(' ').ElementAtOrDefault(1) ?? "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not installed";
        }
    }
}
