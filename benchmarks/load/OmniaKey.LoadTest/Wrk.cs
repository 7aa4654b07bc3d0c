using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OmniaKey.LoadTest;

/// <summary>
/// Runs <c>wrk</c> (Debian's package, <c>apt-get install -y wrk</c>) with the Lua scripts in <c>benchmarks/load/wrk</c>
/// and reads the one result line they print.
/// </summary>
internal static class Wrk
{
    /// <summary>Closed loop: <paramref name="connections"/> connections, each sending its next call on the last answer.</summary>
    public static Task<HttpRunResult> SaturateAsync(Uri url, string bearer, string body, int connections, int threads, int seconds) =>
        RunAsync("post.lua", url, bearer, body, connections, Math.Min(threads, connections), seconds, []);

    /// <summary>Open loop at <paramref name="rate"/> requests/s, spread over <paramref name="connections"/> connections.</summary>
    public static Task<HttpRunResult> PacedAsync(Uri url, string bearer, string body, int rate, int connections, int seconds) =>
        RunAsync("paced.lua", url, bearer, body, connections, 1, seconds, [rate.ToString(CultureInfo.InvariantCulture), "1"]);

    private static async Task<HttpRunResult> RunAsync(
        string script, Uri url, string bearer, string body, int connections, int threads, int seconds, string[] scriptArguments)
    {
        var info = new ProcessStartInfo("wrk")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s",
            "-s", Path.Combine(Repository.Root, "benchmarks", "load", "wrk", script),
            url.ToString(),
            "--",
            .. scriptArguments])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OMNIAKEY_BODY"] = body;
        info.Environment["OMNIAKEY_BEARER"] = bearer;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start; install it with apt-get install -y wrk");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"wrk against {url} ran past its {seconds} s");
        }

        var line = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith("OMNIAKEY_WRK ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result line: {await stdout} {await stderr}");
        using var json = JsonDocument.Parse(line["OMNIAKEY_WRK ".Length..]);
        var r = json.RootElement;
        long Get(string name) => r.GetProperty(name).GetInt64();
        double Ms(string name) => r.GetProperty(name).GetDouble() / 1000;
        var requests = Get("requests");
        return new HttpRunResult(
            "wrk",
            connections,
            requests,
            requests - Get("status_errors"),
            Get("status_errors"),
            Get("connect_errors") + Get("read_errors") + Get("write_errors"),
            Get("timeouts"),
            Get("late"),
            Get("duration_us") / 1e6,
            new Percentiles(Ms("p50_us"), Ms("p90_us"), Ms("p99_us"), Ms("max_us")));
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record Percentiles(double P50, double P90, double P99, double Max);

/// <summary>One load-generator run.</summary>
/// <param name="Answered">Requests answered with a status below 400.</param>
/// <param name="Late">Paced requests that left later than their slot (the rate was not held).</param>
internal sealed record HttpRunResult(
    string Tool,
    int Connections,
    long Requests,
    long Answered,
    long StatusErrors,
    long SocketErrors,
    long Timeouts,
    long Late,
    double Seconds,
    Percentiles Latency)
{
    public double RequestsPerSecond => Answered / Seconds;
}
