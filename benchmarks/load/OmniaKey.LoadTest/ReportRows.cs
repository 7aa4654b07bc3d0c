namespace OmniaKey.LoadTest;

/// <summary>One metric of the main table.</summary>
/// <param name="Added">
/// The metric is "added": the target's value minus the direct call's, from the same run. Its ratio to the floor is
/// OmniaKey's added time over the floor's; a ratio to the direct call means nothing.
/// </param>
internal sealed record ReportRow(string Label, Func<TargetResult, double?> Value, string Format, bool Added);

internal static class ReportRows
{
    public static List<ReportRow> For(BenchOptions options, TargetResult? direct)
    {
        var rows = new List<ReportRow>();
        foreach (var connections in options.Connections)
        {
            rows.Add(new($"requests/s at saturation, {connections} connections", t => t.Saturation.GetValueOrDefault(connections)?.RequestsPerSecond, "N0", false));
        }

        void Latency(string tool, Func<TargetResult, HttpRunResult?> run, bool absolute, string format)
        {
            foreach (var (name, pick) in new (string, Func<Percentiles, double>)[] { ("p50", p => p.P50), ("p90", p => p.P90), ("p99", p => p.P99) })
            {
                if (absolute)
                {
                    rows.Add(new($"{name} at {options.Rate} req/s ({tool}), ms", t => run(t) is { } r ? pick(r.Latency) : null, format, false));
                }

                rows.Add(new($"added {name} at {options.Rate} req/s ({tool}), ms", t => Added(t, direct, x => run(x) is { } r ? pick(r.Latency) : null), format, true));
            }
        }

        Latency("wrk", t => t.Paced, absolute: true, "F3");
        Latency("autocannon", t => t.PacedCrossCheck, absolute: false, "F0");
        foreach (var rate in options.StreamRates)
        {
            Func<TargetResult, Percentiles?> firstByte = t => t.Streams.GetValueOrDefault(rate)?.FirstByte;
            Func<TargetResult, Percentiles?> total = t => t.Streams.GetValueOrDefault(rate)?.Total;
            rows.Add(new($"stream first byte p50 at {rate}/s, ms", t => firstByte(t)?.P50, "F2", false));
            rows.Add(new($"added stream first byte p50 at {rate}/s, ms", t => Added(t, direct, x => firstByte(x)?.P50), "F2", true));
            rows.Add(new($"added stream first byte p99 at {rate}/s, ms", t => Added(t, direct, x => firstByte(x)?.P99), "F2", true));
            rows.Add(new($"stream total p50 at {rate}/s, ms", t => total(t)?.P50, "F2", false));
            rows.Add(new($"added stream total p50 at {rate}/s, ms", t => Added(t, direct, x => total(x)?.P50), "F2", true));
            rows.Add(new($"added stream total p99 at {rate}/s, ms", t => Added(t, direct, x => total(x)?.P99), "F2", true));
        }

        foreach (var connections in options.Connections.Take(1))
        {
            rows.Add(new($"CPU per call at saturation ({connections} connections), ms", t => t.CpuPerCallAtSaturation.TryGetValue(connections, out var v) ? v : null, "F3", false));
        }

        rows.Add(new($"CPU per call at {options.Rate} req/s, ms", t => t.CpuPerCallAtRate, "F3", false));
        rows.Add(new("peak RSS (VmHWM), MiB", t => t.PeakRssMiB, "F0", false));
        rows.Add(new("startup to first answered call, ms", t => t.StartupMs, "F0", false));
        rows.Add(new("first start on an empty database (migrations), ms", t => t.FirstStartupMs, "F0", false));
        return rows;
    }

    public static string Legend(BenchOptions options) =>
        $"Columns: **direct** is the fake upstream called straight (its CPU, RSS and startup are the fake's own); **floor** is " +
        $"a minimal ASP.NET Core pass-through; ratios are the OmniaKey value over the floor's or the direct call's (for " +
        $"\"added\" rows, OmniaKey's added time over the floor's). \"Added\" is the target's percentile minus the direct " +
        $"call's percentile in this run. Saturation: wrk, {options.WrkThreads} threads, {options.DurationSeconds} s per " +
        $"connection count, closed loop. Fixed rate: {options.Rate} requests/s over {options.RateConnections} connections for " +
        $"{options.DurationSeconds} s, open loop (wrk with benchmarks/load/wrk/paced.lua; autocannon -R as a cross-check). " +
        $"Streams: the program's .NET client opens streams at a fixed rate for {options.StreamDurationSeconds} s each; the " +
        $"upstream writes {options.StreamChunks} content chunks {options.ChunkInterval.TotalMilliseconds:F0} ms apart, then " +
        $"the usage chunk and [DONE]. CPU per call: the server process's CPU time over the run / answered calls. Startup: " +
        $"process start to its first answered chat completion (OmniaKey: restarted on its already-migrated database).";

    private static double? Added(TargetResult t, TargetResult? direct, Func<TargetResult, double?> value) =>
        direct is null || t.Key == "direct" || value(t) is not { } v || value(direct) is not { } d ? null : v - d;
}
