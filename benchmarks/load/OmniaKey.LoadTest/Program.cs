using System.Globalization;

namespace OmniaKey.LoadTest;

/// <summary>
/// The benchmark command (<c>docs/performance.md</c>). Without a verb: the end-to-end run (<see cref="BenchmarkRun"/>),
/// which starts each server by running this program again with one of the <c>serve-*</c> verbs, or the Api itself.
/// <c>in-process</c> is the first load test (<c>docs/benchmarks.md</c>).
/// </summary>
internal static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : string.Empty;
        var rest = args.Skip(1).ToArray();
        return verb switch
        {
            "serve-upstream" => await FakeUpstream.ServeAsync(new FakeUpstreamOptions(
                Port: IntOption(rest, "--port", 0),
                StreamPieces: IntOption(rest, "--stream-chunks", 20),
                ChunkInterval: TimeSpan.FromMilliseconds(IntOption(rest, "--chunk-interval-ms", 5)),
                SlowPieces: IntOption(rest, "--slow-chunks", 60),
                SlowInterval: TimeSpan.FromMilliseconds(IntOption(rest, "--slow-interval-ms", 1000)))),
            "serve-floor" => await FloorProxy.ServeAsync(IntOption(rest, "--port", 0), StringOption(rest, "--upstream")),
            "in-process" => await InProcessLoadTest.RunAsync(rest),
            _ => await RunBenchmarkAsync(args),
        };
    }

    private static async Task<int> RunBenchmarkAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        return await BenchmarkRun.RunAsync(options);
    }

    private static string StringOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"{name} is required");
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
