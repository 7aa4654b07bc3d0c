using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace OmniaKey.LoadTest;

/// <summary>
/// The first load test, kept for its history in <c>docs/benchmarks.md</c>: everything in this one process, a
/// hand-written closed-loop client, and the billing work timed alone. The same chat-completion call, first straight at
/// a fake OpenAI upstream, then through OmniaKey (key check, validation, reservation, relay, settlement, usage record)
/// in front of that same fake.
/// Usage: <c>dotnet run -c Release --project benchmarks/load/OmniaKey.LoadTest -- in-process [--requests N]
///        [--concurrency 1,16] [--warmup N] [--stream] [--data-dir DIR] [--postgres CONN]</c>
/// </summary>
internal static class InProcessLoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var culture = CultureInfo.InvariantCulture;

        await using var upstream = await FakeUpstream.StartAsync();
        await using var gateway = new Gateway(upstream.BaseUrl, options.DataRoot, options.Postgres);
        gateway.Start();

        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };

        var funded = await gateway.CreateFundedKeyAsync(http, "1000");
        var (apiKey, accessToken) = (funded.ApiKey, funded.AccessToken);
        var body = Encoding.UTF8.GetBytes(
            $$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16,"stream":{{(options.Stream ? "true" : "false")}}}""");
        var direct = new Uri(upstream.BaseUrl + "/chat/completions");
        var viaGateway = new Uri(gateway.BaseAddress, "/v1/chat/completions");

        Console.WriteLine(string.Create(culture, $"OmniaKey load test, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine(string.Create(culture, $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical CPUs"));
        Console.WriteLine(string.Create(culture, $"requests per run {options.Requests}, warm-up {options.Warmup} per target, {(options.Stream ? "streaming" : "non-streaming")}, model gpt-4o-mini"));
        Console.WriteLine(string.Create(culture, $"fake upstream {upstream.BaseUrl}, gateway {gateway.BaseAddress}, {(options.Postgres is null ? "SQLite under " + options.DataRoot : "PostgreSQL")}"));

        // Warm-up: JIT, connection pools, the key and account caches, SQLite's page cache.
        foreach (var (url, bearer) in new[] { (direct, FakeUpstream.ApiKey), (viaGateway, apiKey) })
        {
            var warm = await LoadRunner.RunAsync(http, url, bearer, body, options.Warmup, 4);
            if (warm.Failures > 0)
            {
                Console.Error.WriteLine($"warm-up against {url} failed: {warm.FirstFailure}");
                return 1;
            }
        }

        var before = await gateway.AvailableUsdAsync(http, accessToken);
        var gatewayCalls = 0;
        var rows = new List<string>();
        var added = new List<string>();
        foreach (var concurrency in options.Concurrency)
        {
            var straight = await LoadRunner.RunAsync(http, direct, FakeUpstream.ApiKey, body, options.Requests, concurrency);
            var through = await LoadRunner.RunAsync(http, viaGateway, apiKey, body, options.Requests, concurrency);
            gatewayCalls += options.Requests - through.Failures;
            rows.Add(Row("direct to fake upstream", concurrency, straight));
            rows.Add(Row("through OmniaKey", concurrency, through));
            added.Add(string.Create(culture,
                $"concurrency {concurrency}: gateway adds {through.Latency.P50 - straight.Latency.P50:F3} ms at the median " +
                $"(p90 {through.Latency.P90 - straight.Latency.P90:F3} ms, p99 {through.Latency.P99 - straight.Latency.P99:F3} ms); " +
                $"CPU per call {through.CpuMsPerRequest - straight.CpuMsPerRequest:F3} ms more"));
            foreach (var failed in new[] { straight, through }.Where(r => r.Failures > 0))
            {
                Console.Error.WriteLine($"{failed.Failures} failed calls; first: {failed.FirstFailure}");
            }
        }

        var after = await gateway.AvailableUsdAsync(http, accessToken);

        // For comparison: a gateway call that touches neither the database nor the upstream (key and catalogue
        // come from memory), which shows what the HTTP stack and the key check cost on this machine.
        var models = await LoadRunner.RunAsync(http, new Uri(gateway.BaseAddress, "/v1/models"), apiKey, null, options.Requests, 1);

        // And the billing work alone, without HTTP: one reservation and one settlement per call.
        var billing = await gateway.TimeBillingAsync(funded, options.Requests);

        Console.WriteLine();
        Console.WriteLine("| target | concurrency | requests | failed | p50 ms | p90 ms | p99 ms | max ms | req/s | CPU ms/req |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine(Row("GET /v1/models through OmniaKey", 1, models));
        Console.WriteLine(Row("reserve + settle only, in process", 1, billing));
        Console.WriteLine();
        added.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(culture,
            $"billing: balance {before} -> {after} USD over {gatewayCalls} gateway calls " +
            $"({(decimal.Parse(before, culture) - decimal.Parse(after, culture)) / Math.Max(1, gatewayCalls):0.#########} USD per call)"));
        return 0;
    }

    private static string Row(string target, int concurrency, LoadResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {target} | {concurrency} | {r.Requests} | {r.Failures} | {r.Latency.P50:F3} | {r.Latency.P90:F3} | {r.Latency.P99:F3} | {r.Latency.Max:F3} | {r.RequestsPerSecond:F0} | {r.CpuMsPerRequest:F3} |");
}
