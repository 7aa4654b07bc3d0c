using System.Diagnostics;
using System.Globalization;

namespace OmniaKey.LoadTest;

/// <summary>
/// The slow-streams soak: one OmniaKey instance relays <c>--soak-streams</c> concurrent streams whose upstream writes
/// one chunk a second for <c>--soak-seconds</c>, opened evenly over <c>--soak-ramp</c> seconds. Its RSS is read
/// before (idle, warmed up), every second during, and for five seconds after the last stream ended. A garbage
/// collection cannot be forced in another process; the managed heap after the last one is read with
/// <c>dotnet-counters</c> when it is installed (<see cref="DotnetCounters"/>).
/// </summary>
internal sealed class Soak(BenchOptions options, HttpClient http, string logDirectory)
{
    public async Task<(SoakResult Result, List<Check> Checks)> RunAsync(DatabaseChoice database, string slowUpstreamBaseUrl, string dataDirectory)
    {
        var label = $"soak ({database.Label})";
        var adminToken = "soak-" + Guid.NewGuid().ToString("N");
        await using var gateway = OmniaKeyServer.Start($"omniakey-soak-{database.Key}", database, slowUpstreamBaseUrl, dataDirectory, adminToken, logDirectory);
        await gateway.WaitUntilAnsweredAsync(ct => Probe.IsOkAsync(http, HttpMethod.Get, new Uri(gateway.BaseAddress, "/health/live"), null, ct), TimeSpan.FromSeconds(120));
        var api = new OmniaKeyApi(http, gateway.BaseAddress, adminToken);
        var funded = await api.CreateFundedKeyAsync("1000");
        var chat = new Uri(gateway.BaseAddress, "/v1/chat/completions");
        for (var i = 0; i < 50; i++)
        {
            await Probe.IsOkAsync(http, HttpMethod.Post, chat, funded.ApiKey, CancellationToken.None);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = gateway.RssMiB;
        var heapBefore = await DotnetCounters.ReadAsync(gateway.Pid);
        Say($"{options.SoakStreams} streams of {options.SoakSeconds} chunks 1 s apart, opened over {options.SoakRampSeconds} s; RSS before {before:F0} MiB");

        using var sampling = new CancellationTokenSource();
        var samples = new List<double>();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                samples.Add(gateway.RssMiB);
                await Task.Delay(1000, CancellationToken.None);
            }
        });

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.SoakRampSeconds + options.SoakSeconds + 30));
        var started = Stopwatch.GetTimestamp();
        var streams = new Task<StreamSample>[options.SoakStreams];
        for (var i = 0; i < streams.Length; i++)
        {
            var wait = TimeSpan.FromSeconds((double)options.SoakRampSeconds * i / streams.Length) - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            streams[i] = Task.Run(() => StreamClient.OneAsync(http, chat, funded.ApiKey, Scenarios.StreamBody, deadline.Token));
        }

        var done = await Task.WhenAll(streams);
        var ran = Stopwatch.GetElapsedTime(started);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var settling = gateway.RssMiB;
        await Task.Delay(TimeSpan.FromSeconds(4));
        var after = gateway.RssMiB;
        await sampling.CancelAsync();
        await sampler;
        var heapAfter = await DotnetCounters.ReadAsync(gateway.Pid);

        var result = new SoakResult(database.Label, options.SoakStreams, done.Count(s => s.Ok), ran.TotalSeconds, before, gateway.PeakRssMiB, settling, after, [.. samples], heapBefore, heapAfter);
        Say(string.Create(CultureInfo.InvariantCulture, $"{result.Completed} of {result.Streams} completed in {result.Seconds:F0} s; RSS before {before:F0}, peak {result.PeakRssMiB:F0}, 5 s after {after:F0} MiB"));
        var checks = OmniaKeyTarget.LedgerChecks(label, await api.ReconcileWhenSettledAsync(TimeSpan.FromSeconds(15)));
        checks.Insert(0, new Check($"{label}: every slow stream completed", result.Completed == result.Streams,
            $"{result.Completed} of {result.Streams}; first failure: {done.FirstOrDefault(s => !s.Ok)?.Failure ?? "none"}"));
        return (result, checks);
    }

    private static void Say(string what) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] soak: {what}");
}

/// <summary>What the soak measured; RSS in MiB.</summary>
/// <param name="RssSettling">One second after the last stream ended.</param>
/// <param name="RssAfter">Five seconds after the last stream ended.</param>
internal sealed record SoakResult(
    string Label,
    int Streams,
    int Completed,
    double Seconds,
    double RssBefore,
    double PeakRssMiB,
    double RssSettling,
    double RssAfter,
    double[] Samples,
    ManagedHeap? HeapBefore,
    ManagedHeap? HeapAfter)
{
    /// <summary>
    /// "Flat memory after the run", made measurable from outside the process: once the streams are gone, RSS does not
    /// grow any more (at most 2 % from one to five seconds after the last stream). How much the process keeps of what
    /// the soak added is reported beside it, not judged: a server GC keeps heap it may reuse, and no full collection
    /// can be forced from another process.
    /// </summary>
    public bool Flat => RssAfter <= RssSettling * 1.02;
}
