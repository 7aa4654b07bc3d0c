using OmniaKey.Modules.Billing.Application.Usage.DailySpend;
using OmniaKey.Modules.Billing.Pages;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>The pure parts of <c>/dashboard</c> and <c>/dashboard/usage</c>: the chart's geometry and the inclusive end date.</summary>
public sealed class UsagePagesTests
{
    private static readonly DateOnly June1 = new(2026, 6, 1);

    [Fact]
    public void Bars_are_scaled_to_the_highest_day_and_written_culture_free()
    {
        var chart = new SpendChart([Day(0, 1_000_000_000), Day(1, 0), Day(2, 250_000_000)]);

        Assert.Equal(1_250_000_000, chart.Total);
        Assert.Equal(1_000_000_000, chart.Highest);
        Assert.Equal(["156", "0", "39"], chart.Bars.Select(b => b.Height)); // 156 = 172 - 16, the full height
        Assert.Equal(["16", "172", "133"], chart.Bars.Select(b => b.Y));    // bars stand on the baseline
        Assert.Equal(["20", "220", "420"], chart.Bars.Select(b => b.X));    // slots of 200, 10% gap each side
        Assert.Equal("160", chart.Bars[0].Width);
        Assert.Equal("2026-06-03", chart.Bars[2].IsoDay);
    }

    [Fact]
    public void A_tiny_day_next_to_a_large_one_stays_visible_and_no_spend_draws_nothing()
    {
        var chart = new SpendChart([Day(0, 10_000_000_000), Day(1, 1), Day(2, 0)]);

        Assert.Equal(["156", "2", "0"], chart.Bars.Select(b => b.Height));
        Assert.All(new SpendChart([Day(0, 0), Day(1, 0)]).Bars, b => Assert.Equal("0", b.Height));
    }

    [Fact]
    public void Coordinates_do_not_follow_the_readers_culture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE"); // a decimal comma
        try
        {
            var chart = new SpendChart([.. Enumerable.Range(0, 7).Select(i => Day(i, i * 3))]); // slots of 600 / 7
            Assert.All(chart.Bars, b => Assert.DoesNotContain(",", b.X + b.Y + b.Width + b.Height, StringComparison.Ordinal));
            Assert.Equal("8.57", chart.Bars[0].X);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("2026-06-01", "2026-06-02")] // a plain date includes that day
    [InlineData(" 2026-12-31 ", "2027-01-01")]
    [InlineData("2026-06-01T12:00:00Z", "2026-06-01T12:00:00Z")] // a time is passed on as written
    [InlineData("yesterday", "yesterday")] // and so is anything else, for the API's validation to name
    [InlineData("2026-13-01", "2026-13-01")]
    [InlineData(null, null)]
    public void A_plain_to_date_becomes_the_apis_exclusive_next_day(string? to, string? sent) =>
        Assert.Equal(sent, UsageModel.ExclusiveTo(to));

    private static DailySpendDto Day(int offset, long nanoUsd) => new(June1.AddDays(offset), nanoUsd, nanoUsd > 0 ? 1 : 0);
}
