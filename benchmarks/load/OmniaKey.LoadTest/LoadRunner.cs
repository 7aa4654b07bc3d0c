using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace OmniaKey.LoadTest;

/// <summary>Fires a number of identical chat-completion calls at a fixed concurrency and times each one.</summary>
internal static class LoadRunner
{
    /// <summary>
    /// Sends <paramref name="requests"/> calls from <paramref name="concurrency"/> workers that each send their next
    /// call as soon as the previous answer has been read to the end. Each latency is from sending the request to
    /// the last byte of the response body.
    /// </summary>
    /// <param name="body">The JSON body to POST, or null for a GET.</param>
    public static async Task<LoadResult> RunAsync(HttpClient http, Uri url, string bearer, byte[]? body, int requests, int concurrency)
    {
        var latencies = new long[requests];
        var failures = 0;
        string? firstFailure = null;
        var next = -1;
        var cpuBefore = CpuTime();
        var started = Stopwatch.GetTimestamp();

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var sent = Stopwatch.GetTimestamp();
                var (ok, failure) = await SendAsync(http, url, bearer, body);
                latencies[i] = Stopwatch.GetTimestamp() - sent;
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadResult(LatencyStats.From(latencies), requests, failures, firstFailure, elapsed, CpuTime() - cpuBefore);
    }

    /// <summary>
    /// CPU time used by this whole process (client, fake upstream and gateway alike). Unlike wall-clock latency it
    /// hardly depends on what else the machine is running, so it shows the gateway's own cost on a busy machine.
    /// </summary>
    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static async Task<(bool Ok, string? Failure)> SendAsync(HttpClient http, Uri url, string bearer, byte[]? body)
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode
                ? (true, null)
                : (false, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        }
        catch (HttpRequestException e)
        {
            return (false, e.Message);
        }
    }
}

internal sealed record LoadResult(LatencyStats Latency, int Requests, int Failures, string? FirstFailure, TimeSpan Elapsed, TimeSpan Cpu)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double CpuMsPerRequest => Cpu.TotalMilliseconds / Requests;
}

/// <summary>Nearest-rank percentiles of a set of latencies, in milliseconds.</summary>
internal sealed record LatencyStats(double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencyStats From(long[] stopwatchTicks)
    {
        var ms = stopwatchTicks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return new LatencyStats(Percentile(ms, 50), Percentile(ms, 90), Percentile(ms, 99), ms[^1], ms.Average());
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
