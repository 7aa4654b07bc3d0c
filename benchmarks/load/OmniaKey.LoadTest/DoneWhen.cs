using System.Globalization;
using System.Text;

namespace OmniaKey.LoadTest;

/// <summary>
/// Issue 10's "done when" criteria, each against OmniaKey on PostgreSQL (and the soak) from the same run. Performance
/// targets on a shared machine are reported (met or not), not failed: only correctness checks set the exit code.
/// </summary>
internal sealed class DoneWhen
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly StringBuilder md = new();

    private DoneWhen() => md
        .AppendLine("### Issue 10 \"done when\", OmniaKey on PostgreSQL").AppendLine()
        .AppendLine("| criterion | target | measured | met |")
        .AppendLine("|---|---|---|---|");

    public static string Table(BenchOptions options, TargetResult? pg, TargetResult? floor, TargetResult? direct, SoakResult? soak)
    {
        var table = new DoneWhen();
        if (pg is not null)
        {
            table.Measured(options, pg, floor, direct);
        }

        if (soak is not null)
        {
            table.Line($"{soak.Streams} slow streams: peak RSS", "< 500 MB", soak.PeakRssMiB * 1.048576, "F0", v => v < 500, " MB");
            table.Line("flat memory after the soak: RSS 5 s after the last stream over RSS 1 s after", "≤ 1.02×",
                soak.RssSettling > 0 ? soak.RssAfter / soak.RssSettling : null, "F3", _ => soak.Flat, "×");
        }

        return table.md.ToString();
    }

    private void Measured(BenchOptions options, TargetResult pg, TargetResult? floor, TargetResult? direct)
    {
        var connections = options.Connections.FirstOrDefault(16);
        double? Rps(TargetResult? t) => t?.Saturation.GetValueOrDefault(connections)?.RequestsPerSecond;
        double? Added(Func<TargetResult, double?> value) => direct is not null && value(pg) is { } p && value(direct) is { } d ? p - d : null;

        Line($"saturated throughput, {connections} connections, share of the floor's", "≥ 40 %",
            Rps(pg) is { } a && Rps(floor) is { } b && b > 0 ? 100 * a / b : null, "F1", v => v >= 40, " %");
        // A paced run whose requests left late did not hold the rate: its percentiles are a saturated server's.
        var notHeld = pg.Paced is { Late: > 0 } paced && paced.Late > paced.Requests / 100
            ? $" (rate not held: {paced.Late} of {paced.Requests} requests late)"
            : string.Empty;
        Line($"added p50 at {options.Rate} req/s (wrk)", "≤ 1 ms", Added(t => t.Paced?.Latency.P50), "F3", v => v <= 1, " ms" + notHeld);
        Line($"added p99 at {options.Rate} req/s (wrk)", "≤ 5 ms", Added(t => t.Paced?.Latency.P99), "F3", v => v <= 5, " ms" + notHeld);
        foreach (var rate in options.StreamRates)
        {
            Line($"added stream first byte, median, {rate}/s", "≤ 1 ms", Added(t => t.Streams.GetValueOrDefault(rate)?.FirstByte?.P50), "F2", v => v <= 1, " ms");
            Line($"added stream total time, median, {rate}/s", "≤ 2 ms", Added(t => t.Streams.GetValueOrDefault(rate)?.Total?.P50), "F2", v => v <= 2, " ms");
        }

        Line($"gateway CPU per non-streaming call (saturation, {connections} connections)", "≤ 0.3 ms",
            pg.CpuPerCallAtSaturation.TryGetValue(connections, out var cpu) ? cpu : null, "F3", v => v <= 0.3, " ms");

        // The criterion is the saturated figure: the issue's own table gives the floor 0.05-0.08 ms per call, which only a
        // saturated floor costs. At a fixed low rate a server's idle work (timers, the thread pool's spinning) is shared
        // among few calls, and the floor itself costs more than 0.3 ms there; shown beside the floor's, not judged.
        var atRate = pg.CpuPerCallAtRate is { } r ? r.ToString("F3", Invariant) + " ms" : "not measured";
        var floorAtRate = floor?.CpuPerCallAtRate is { } f ? $" (the floor: {f.ToString("F3", Invariant)} ms)" : string.Empty;
        md.AppendLine(Invariant, $"| gateway CPU per call at {options.Rate} req/s, idle work included | (information) | {atRate}{floorAtRate} | — |");
        Line("startup to the first answered call", "≤ 1.5 s", pg.StartupMs / 1000, "F2", v => v <= 1.5, " s");
    }

    private void Line(string criterion, string target, double? measured, string format, Func<double, bool> met, string unit)
    {
        var shown = measured is { } m ? m.ToString(format, Invariant) + unit : "not measured";
        var verdict = measured is { } v ? (met(v) ? "yes" : "**no**") : "—";
        md.AppendLine(Invariant, $"| {criterion} | {target} | {shown} | {verdict} |");
    }
}
