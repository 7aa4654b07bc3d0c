using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OmniaKey.LoadTest;

/// <summary>
/// The cross-check of the fixed-rate latency: <c>autocannon</c> from npm (run with <c>npx</c>, so the first run
/// downloads it) with <c>--overallRate</c>. Its rate is a budget per connection and per second: each connection sends
/// its share back to back when the second starts, then waits for the next one, so its calls come in bursts and its
/// percentiles include that queueing. Its coordinated-omission correction is turned off: it takes the expected
/// interval as <c>ceil(1 / rate)</c> milliseconds (1 ms for any rate above one per second), and so adds made-up
/// samples to every answer slower than a millisecond. Its histogram has whole milliseconds.
/// </summary>
internal static class Autocannon
{
    public const string Package = "autocannon@9.0.0";

    public static async Task<HttpRunResult> PacedAsync(Uri url, string bearer, string body, int rate, int connections, int seconds)
    {
        var info = new ProcessStartInfo("npx")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            "--yes", Package,
            "--json", "--no-progress",
            "--ignoreCoordinatedOmission",
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture),
            "-R", rate.ToString(CultureInfo.InvariantCulture),
            "-t", "10",
            "-m", "POST",
            "-H", "Content-Type=application/json",
            "-H", "Authorization=Bearer " + bearer,
            "-b", body,
            url.ToString()])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("npx did not start; install Node.js and npm");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 120));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"autocannon against {url} ran past its {seconds} s");
        }

        var output = await stdout;
        var start = output.IndexOf('{', StringComparison.Ordinal);
        if (process.ExitCode != 0 || start < 0)
        {
            throw new InvalidOperationException($"autocannon failed ({process.ExitCode}): {output} {await stderr}");
        }

        using var json = JsonDocument.Parse(output[start..]);
        var r = json.RootElement;
        var latency = r.GetProperty("latency");
        double Ms(string name) => latency.GetProperty(name).GetDouble();
        var answered = r.GetProperty("2xx").GetInt64() + r.GetProperty("1xx").GetInt64() + r.GetProperty("3xx").GetInt64();
        var requests = r.GetProperty("requests").GetProperty("total").GetInt64();
        return new HttpRunResult(
            "autocannon",
            connections,
            requests,
            answered,
            r.GetProperty("non2xx").GetInt64(),
            r.GetProperty("errors").GetInt64(),
            r.GetProperty("timeouts").GetInt64(),
            0,
            r.GetProperty("duration").GetDouble(),
            new Percentiles(Ms("p50"), Ms("p90"), Ms("p99"), Ms("max")));
    }
}
