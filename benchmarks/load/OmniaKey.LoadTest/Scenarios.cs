using System.Globalization;
using System.Text;

namespace OmniaKey.LoadTest;

/// <summary>The measurements every target goes through, in the same order and with the same settings.</summary>
internal sealed class Scenarios(BenchOptions options, HttpClient streams)
{
    /// <summary>A plain chat completion, as in the first load test.</summary>
    public const string CallBody = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}""";

    /// <summary>A streamed one, with the usage chunk asked for, as OpenAI's SDKs do for metering.</summary>
    public static readonly byte[] StreamBody = Encoding.UTF8.GetBytes(
        """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}],"max_tokens":32,"stream":true,"stream_options":{"include_usage":true}}""");

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    public async Task<TargetResult> RunAsync(Target target, TargetResult result)
    {
        var tally = result.Tally;
        if (options.Runs("saturation") || options.Runs("rate") || options.Runs("autocannon"))
        {
            Say(target, $"warm-up, {options.WarmupSeconds} s");
            tally.Add(await Wrk.SaturateAsync(target.Chat, target.Bearer, CallBody, 16, options.WrkThreads, options.WarmupSeconds));
        }

        if (options.Runs("saturation"))
        {
            foreach (var connections in options.Connections)
            {
                await Task.Delay(Pause);
                Say(target, $"saturation, {connections} connections, {options.DurationSeconds} s");
                var cpu = target.Process.CpuTime;
                var run = await Wrk.SaturateAsync(target.Chat, target.Bearer, CallBody, connections, options.WrkThreads, options.DurationSeconds);
                result.CpuPerCallAtSaturation[connections] = (target.Process.CpuTime - cpu).TotalMilliseconds / Math.Max(1, run.Answered);
                result.Saturation[connections] = run;
                tally.Add(run);
                Say(target, string.Create(CultureInfo.InvariantCulture, $"  {run.RequestsPerSecond:F0} req/s, p50 {run.Latency.P50:F2} ms, {run.StatusErrors + run.SocketErrors} errors"));
            }
        }

        if (options.Runs("rate"))
        {
            await Task.Delay(Pause);
            Say(target, $"fixed rate {options.Rate} req/s (wrk), {options.DurationSeconds} s");
            var cpu = target.Process.CpuTime;
            var run = await Wrk.PacedAsync(target.Chat, target.Bearer, CallBody, options.Rate, options.RateConnections, options.DurationSeconds);
            result.CpuPerCallAtRate = (target.Process.CpuTime - cpu).TotalMilliseconds / Math.Max(1, run.Answered);
            result.Paced = run;
            tally.Add(run);
            Say(target, string.Create(CultureInfo.InvariantCulture, $"  {run.RequestsPerSecond:F0} req/s, p50 {run.Latency.P50:F3} ms, p99 {run.Latency.P99:F3} ms, {run.Late} late"));
        }

        if (options.Runs("autocannon"))
        {
            await Task.Delay(Pause);
            Say(target, $"fixed rate {options.Rate} req/s (autocannon), {options.DurationSeconds} s");
            try
            {
                var run = await Autocannon.PacedAsync(target.Chat, target.Bearer, CallBody, options.Rate, options.RateConnections, options.DurationSeconds);
                result.PacedCrossCheck = run;
                tally.Add(run);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                result.Notes.Add($"autocannon did not run: {e.Message}");
                Console.Error.WriteLine($"  autocannon did not run: {e.Message}");
            }
        }

        if (options.Runs("streams"))
        {
            await Task.Delay(Pause);
            var warmup = Math.Min(2, options.WarmupSeconds);
            Say(target, $"stream warm-up, {warmup} s");
            tally.Add(await StreamClient.RunAsync(streams, target.Chat, target.Bearer, StreamBody, options.StreamRates[0], warmup));
            foreach (var rate in options.StreamRates)
            {
                await Task.Delay(Pause);
                Say(target, $"streams, {rate}/s, {options.StreamDurationSeconds} s");
                var run = await StreamClient.RunAsync(streams, target.Chat, target.Bearer, StreamBody, rate, options.StreamDurationSeconds);
                result.Streams[rate] = run;
                tally.Add(run);
                if (run.FirstFailure is not null)
                {
                    result.Notes.Add($"streams at {rate}/s: {run.Opened - run.Completed} of {run.Opened} failed; first: {run.FirstFailure}");
                }
            }
        }

        result.PeakRssMiB = target.Process.PeakRssMiB;
        return result;
    }

    private static void Say(Target target, string what) =>
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {target.Label}: {what}");
}
