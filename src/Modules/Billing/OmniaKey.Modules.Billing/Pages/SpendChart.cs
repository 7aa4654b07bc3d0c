using System.Globalization;
using OmniaKey.Modules.Billing.Application.Usage.DailySpend;

namespace OmniaKey.Modules.Billing.Pages;

/// <summary>
/// The geometry of the overview's spend chart, an SVG drawn on the server (the CSP allows no script or inline style):
/// one bar per day, scaled to the highest day. Coordinates are written culture-free, as SVG attributes need. The
/// doubles here are pixels, never money: amounts stay integer nano-USD and are shown with <c>ConsoleFormat.Usd</c>.
/// </summary>
internal sealed class SpendChart
{
    public const int Width = 600;
    public const int Height = 200;
    private const int Top = 16;
    private const int Baseline = 172;
    private const double Gap = 0.2;

    public SpendChart(IReadOnlyList<DailySpendDto> days)
    {
        Days = days;
        Total = days.Sum(d => d.ChargedNanoUsd);
        Highest = days.Count == 0 ? 0 : days.Max(d => d.ChargedNanoUsd);
        var slot = (double)Width / Math.Max(days.Count, 1);
        Bars = [.. days.Select((day, i) =>
        {
            var height = Highest == 0 ? 0 : (Baseline - Top) * (double)day.ChargedNanoUsd / Highest;

            // A day with any spend gets at least a sliver, so a tiny amount next to a large one is still visible.
            height = day.ChargedNanoUsd > 0 ? Math.Max(height, 2) : 0;
            return new Bar(day, Coordinate((i + (Gap / 2)) * slot), Coordinate(Baseline - height), Coordinate(slot * (1 - Gap)), Coordinate(height));
        })];
    }

    public IReadOnlyList<DailySpendDto> Days { get; }

    public IReadOnlyList<Bar> Bars { get; }

    public long Total { get; }

    public long Highest { get; }

    public static string ViewBox => $"0 0 {Width} {Height}";

    public static string BaselineY => Coordinate(Baseline);

    public static string LabelY => Coordinate(Height - 6);

    public static string MaxLabelY => Coordinate(Top - 4);

    private static string Coordinate(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    /// <summary>One day's bar: its position and size in the chart's view box.</summary>
    internal sealed record Bar(DailySpendDto Day, string X, string Y, string Width, string Height)
    {
        /// <summary>For tests and tools: the day as ISO 8601.</summary>
        public string IsoDay => Day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
