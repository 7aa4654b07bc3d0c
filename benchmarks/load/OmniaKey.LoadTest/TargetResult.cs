namespace OmniaKey.LoadTest;

/// <summary>A server under test and where to send its calls.</summary>
/// <param name="Key"><c>direct</c>, <c>floor</c>, <c>postgres</c> or <c>sqlite</c>.</param>
/// <param name="Chat">Its <c>POST .../chat/completions</c>.</param>
/// <param name="Bearer">What the client presents: the fake's key for the direct call and the floor, an OmniaKey key.</param>
/// <param name="Process">The process that serves the calls, whose CPU and memory are its own.</param>
internal sealed record Target(string Key, string Label, Uri Chat, string Bearer, ServerProcess Process);

/// <summary>Everything measured for one target.</summary>
internal sealed class TargetResult(string key, string label)
{
    public string Key { get; } = key;

    public string Label { get; } = label;

    /// <summary>wrk at saturation, by connection count.</summary>
    public Dictionary<int, HttpRunResult> Saturation { get; } = [];

    /// <summary>The server process's CPU milliseconds per answered call during each saturation run.</summary>
    public Dictionary<int, double> CpuPerCallAtSaturation { get; } = [];

    /// <summary>wrk at the fixed rate.</summary>
    public HttpRunResult? Paced { get; set; }

    public double? CpuPerCallAtRate { get; set; }

    /// <summary>autocannon at the fixed rate (the cross-check).</summary>
    public HttpRunResult? PacedCrossCheck { get; set; }

    public Dictionary<int, StreamRunResult> Streams { get; } = [];

    public double? PeakRssMiB { get; set; }

    /// <summary>Process start to the first answered chat completion, in milliseconds.</summary>
    public double? StartupMs { get; set; }

    /// <summary>OmniaKey only: the first start, on an empty database (migrations included), to its first answer.</summary>
    public double? FirstStartupMs { get; set; }

    /// <summary>Calls and streams that were answered, and those whose outcome the client could not see (in flight
    /// when a run ended, or failed): the billing check's bounds.</summary>
    public CallTally Tally { get; } = new();

    public List<string> Notes { get; } = [];
}

internal sealed class CallTally
{
    public long AnsweredCalls { get; set; }

    public long UnsureCalls { get; set; }

    public long AnsweredStreams { get; set; }

    public long UnsureStreams { get; set; }

    public void Add(HttpRunResult run)
    {
        AnsweredCalls += run.Answered;
        UnsureCalls += run.Connections + run.SocketErrors;
    }

    public void Add(StreamRunResult run)
    {
        AnsweredStreams += run.Completed;
        UnsureStreams += run.Opened - run.Completed;
    }
}

/// <summary>A PASS/FAIL line; any FAIL makes the command exit non-zero.</summary>
internal sealed record Check(string Name, bool Passed, string Detail)
{
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")}: {Name} — {Detail}";
}
