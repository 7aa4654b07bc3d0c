using System.Globalization;
using System.Text;

namespace OmniaKey.LoadTest;

/// <summary>
/// The markdown report: one table with every target's numbers and each OmniaKey's ratios to the floor and to the
/// direct call; issue 10's "done when" criteria against OmniaKey on PostgreSQL; the soak; the PASS/FAIL checks;
/// and every run's raw counts.
/// </summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Build(BenchOptions options, string header, IReadOnlyList<TargetResult> targets, SoakResult? soak, IReadOnlyList<Check> checks)
    {
        var md = new StringBuilder(header).AppendLine();
        var direct = targets.FirstOrDefault(t => t.Key == "direct");
        var floor = targets.FirstOrDefault(t => t.Key == "floor");
        var gateways = targets.Where(t => t.Key is not ("direct" or "floor")).ToList();
        var rows = ReportRows.For(options, direct);

        if (targets.Count > 0)
        {
            MainTable(md, targets, rows, direct, floor, gateways);
            md.AppendLine().AppendLine(ReportRows.Legend(options));
        }

        var postgres = gateways.FirstOrDefault(g => g.Key == "postgres");
        if (postgres is not null || soak is not null)
        {
            md.AppendLine().AppendLine(DoneWhen.Table(options, postgres, floor, direct, soak));
        }

        if (soak is not null)
        {
            md.AppendLine().AppendLine("### Slow-streams soak").AppendLine()
                .AppendLine(string.Create(Invariant, $"{soak.Completed} of {soak.Streams} concurrent slow streams through one OmniaKey ({soak.Label}) completed in {soak.Seconds:F0} s. ")
                + string.Create(Invariant, $"RSS before {soak.RssBefore:F0} MiB, peak {soak.PeakRssMiB:F0} MiB, 1 s after the last stream {soak.RssSettling:F0} MiB, 5 s after {soak.RssAfter:F0} MiB. ")
                + Heap(soak)
                + "RSS each second: " + string.Join(", ", soak.Samples.Select(s => s.ToString("F0", Invariant))) + ".");
        }

        md.AppendLine().AppendLine("### Checks").AppendLine();
        checks.ToList().ForEach(c => md.Append("- ").AppendLine(c.ToString()));
        if (targets.Count > 0)
        {
            EveryRun(md, options, targets);
        }

        return md.ToString();
    }

    private static void MainTable(StringBuilder md, IReadOnlyList<TargetResult> targets, List<ReportRow> rows, TargetResult? direct, TargetResult? floor, List<TargetResult> gateways)
    {
        md.Append("| metric |");
        targets.ToList().ForEach(t => md.Append(' ').Append(t.Label).Append(" |"));
        foreach (var g in gateways)
        {
            if (floor is not null)
            {
                md.Append(' ').Append(g.Label).Append(" ÷ floor |");
            }

            if (direct is not null)
            {
                md.Append(' ').Append(g.Label).Append(" ÷ direct |");
            }
        }

        md.AppendLine().Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", targets.Count + (gateways.Count * ((floor is null ? 0 : 1) + (direct is null ? 0 : 1)))))).AppendLine();
        foreach (var row in rows.Where(r => targets.Any(t => r.Value(t) is not null)))
        {
            md.Append("| ").Append(row.Label).Append(" |");
            targets.ToList().ForEach(t => md.Append(' ').Append(Format(row.Value(t), row.Format)).Append(" |"));
            foreach (var g in gateways)
            {
                if (floor is not null)
                {
                    md.Append(' ').Append(Ratio(row.Value(g), row.Value(floor))).Append(" |");
                }

                if (direct is not null)
                {
                    md.Append(' ').Append(row.Added ? "—" : Ratio(row.Value(g), row.Value(direct))).Append(" |");
                }
            }

            md.AppendLine();
        }

    }

    private static void EveryRun(StringBuilder md, BenchOptions options, IReadOnlyList<TargetResult> targets)
    {
        md.AppendLine().AppendLine("### Every run").AppendLine()
            .AppendLine("| target | run | tool | connections | answered | failed (status / socket / timeout) | late | req/s | p50 ms | p90 ms | p99 ms | max ms |")
            .AppendLine("|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var t in targets)
        {
            foreach (var (connections, run) in t.Saturation)
            {
                md.AppendLine(RunRow(t, $"saturation {connections}", run));
            }

            if (t.Paced is { } paced)
            {
                md.AppendLine(RunRow(t, $"{options.Rate} req/s", paced));
            }

            if (t.PacedCrossCheck is { } cross)
            {
                md.AppendLine(RunRow(t, $"{options.Rate} req/s", cross));
            }

            foreach (var (rate, run) in t.Streams)
            {
                md.AppendLine(string.Create(Invariant,
                    $"| {t.Label} | streams {rate}/s | .NET client | — | {run.Completed} of {run.Opened} | {run.Opened - run.Completed} | {run.Late} | — | first byte {run.FirstByte?.P50:F2}, total {run.Total?.P50:F2} | {run.FirstByte?.P90:F2}, {run.Total?.P90:F2} | {run.FirstByte?.P99:F2}, {run.Total?.P99:F2} | {run.FirstByte?.Max:F2}, {run.Total?.Max:F2} |"));
            }
        }

        var notes = targets.SelectMany(t => t.Notes.Select(n => $"- {t.Label}: {n}")).ToList();
        if (notes.Count > 0)
        {
            md.AppendLine().AppendLine("Notes:").AppendLine(string.Join('\n', notes));
        }
    }

    private static string Heap(SoakResult soak) => soak.HeapBefore is { } b && soak.HeapAfter is { } a
        ? string.Create(Invariant, $"Managed heap after the last GC (dotnet-counters): {b.HeapMiB:F0} MiB before ({b.CommittedMiB:F0} MiB committed), {a.HeapMiB:F0} MiB after ({a.CommittedMiB:F0} MiB committed). ")
        : "Managed heap not read (dotnet-counters not installed). ";

    public static string Format(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "—";

    private static string Ratio(double? value, double? reference) =>
        value is { } v && reference is { } r && r > 0
            ? (v / r).ToString(Math.Abs(v / r) switch { >= 10 => "F0", >= 0.1 => "F2", _ => "F3" }, Invariant) + "×"
            : "—";

    private static string RunRow(TargetResult t, string run, HttpRunResult r) => string.Create(Invariant,
        $"| {t.Label} | {run} | {r.Tool} | {r.Connections} | {r.Answered} | {r.StatusErrors} / {r.SocketErrors} / {r.Timeouts} | {r.Late} | {r.RequestsPerSecond:F0} | {r.Latency.P50:F3} | {r.Latency.P90:F3} | {r.Latency.P99:F3} | {r.Latency.Max:F3} |");
}
