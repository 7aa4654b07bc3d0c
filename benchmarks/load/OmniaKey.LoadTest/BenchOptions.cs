using System.Globalization;

namespace OmniaKey.LoadTest;

/// <summary>Options of the end-to-end run; each has a default, so a bare run is the full default run.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/load/OmniaKey.LoadTest -- [options]
          --quick                    a 2-3 minute smoke run: 3 s per measurement and warm-up, no autocannon
          --targets LIST             direct,floor,postgres,sqlite (default all four)
          --scenarios LIST           saturation,rate,autocannon,streams (default all); add soak, or give only soak;
                                     startup alone times OmniaKey's restart to its first answered call, nothing else
          --soak                     also run the slow-streams soak (same as adding soak to --scenarios)
          --duration S               seconds per saturation and fixed-rate measurement (default 10)
          --stream-duration S        seconds per stream-rate measurement (default 10)
          --warmup S                 seconds of warm-up calls per target, for the JIT (default 5; streams: at most 2)
          --connections LIST         saturation connection counts (default 16,64)
          --rate N                   the fixed rate in requests/s (default 200)
          --rate-connections N       connections wrk spreads the fixed rate over (default 32)
          --stream-rates LIST        streams/s (default 25,100)
          --wrk-threads N            wrk threads for saturation (default 2)
          --soak-streams N           concurrent slow streams (default 2000)
          --soak-seconds S           chunks of one per second per slow stream (default 60)
          --soak-ramp S              seconds over which the slow streams are opened (default 5)
          --postgres CONN            PostgreSQL server (a user who may create databases); default
                                     $OMNIAKEY_TEST_POSTGRES, else what scripts/start-postgres.sh starts
          --data-dir DIR             where the SQLite database goes (default the temp directory)
          --out FILE                 the markdown report (default benchmarks/load/results/latest.md)
          --max-minutes M            hard limit for the whole run (default 15)
        """;

    public bool Quick { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = ["direct", "floor", "postgres", "sqlite"];

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string> { "saturation", "rate", "autocannon", "streams" };

    public int DurationSeconds { get; init; } = 10;

    public int StreamDurationSeconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 5;

    public IReadOnlyList<int> Connections { get; init; } = [16, 64];

    public int Rate { get; init; } = 200;

    public int RateConnections { get; init; } = 32;

    public IReadOnlyList<int> StreamRates { get; init; } = [25, 100];

    public int WrkThreads { get; init; } = 2;

    public int SoakStreams { get; init; } = 2000;

    public int SoakSeconds { get; init; } = 60;

    public int SoakRampSeconds { get; init; } = 5;

    public string? Postgres { get; init; }

    public string DataRoot { get; init; } = Path.GetTempPath();

    public string? Out { get; init; }

    public int MaxMinutes { get; init; } = 15;

    /// <summary>The 20 content chunks of a measured stream, 5 ms apart.</summary>
    public int StreamChunks => 20;

    public TimeSpan ChunkInterval => TimeSpan.FromMilliseconds(5);

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static BenchOptions Parse(string[] args)
    {
        // --quick first, so that explicit options after it still win.
        var options = args.Contains("--quick")
            ? new BenchOptions { Quick = true, DurationSeconds = 3, StreamDurationSeconds = 3, WarmupSeconds = 3, Scenarios = new HashSet<string> { "saturation", "rate", "streams" } }
            : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            IReadOnlyList<int> NextInts() => Next().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();
            options = args[i] switch
            {
                "--quick" => options,
                "--targets" => options with { Targets = Next().Split(',') },
                "--scenarios" => options with { Scenarios = KnownScenarios(Next()) },
                "--soak" => options with { Scenarios = options.Scenarios.Append("soak").ToHashSet() },
                "--duration" => options with { DurationSeconds = NextInt() },
                "--stream-duration" => options with { StreamDurationSeconds = NextInt() },
                "--warmup" => options with { WarmupSeconds = NextInt() },
                "--connections" => options with { Connections = NextInts() },
                "--rate" => options with { Rate = NextInt() },
                "--rate-connections" => options with { RateConnections = NextInt() },
                "--stream-rates" => options with { StreamRates = NextInts() },
                "--wrk-threads" => options with { WrkThreads = NextInt() },
                "--soak-streams" => options with { SoakStreams = NextInt() },
                "--soak-seconds" => options with { SoakSeconds = NextInt() },
                "--soak-ramp" => options with { SoakRampSeconds = NextInt() },
                "--postgres" => options with { Postgres = Next() },
                "--data-dir" => options with { DataRoot = Next() },
                "--out" => options with { Out = Next() },
                "--max-minutes" => options with { MaxMinutes = NextInt() },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }

        return options;
    }

    /// <summary>The scenarios named, each one this program knows, so that a misspelt name does not measure nothing.</summary>
    private static HashSet<string> KnownScenarios(string list)
    {
        string[] known = ["saturation", "rate", "autocannon", "streams", "soak", "startup"];
        var scenarios = list.Split(',').ToHashSet();
        return scenarios.Except(known).FirstOrDefault() is { } unknown
            ? throw new ArgumentException($"Unknown scenario {unknown}; the scenarios are {string.Join(", ", known)}.\n{Usage}")
            : scenarios;
    }
}
