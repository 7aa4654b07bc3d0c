using OmniaKey.Modules.Keys.Infrastructure.RateLimits;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

public sealed class SlidingWindowCounterTests
{
    private const long T = 1_000_000;

    [Fact]
    public void A_count_stays_for_sixty_one_seconds_so_no_real_minute_holds_more_than_the_limit()
    {
        var counter = new SlidingWindowCounter();
        counter.Add(T, 3);

        Assert.Equal(3, counter.Total(T + 60));
        Assert.Equal(0, counter.Total(T + 61));
    }

    [Fact]
    public void Fits_checks_the_limit_including_the_new_amount()
    {
        var counter = new SlidingWindowCounter();
        counter.Add(T, 8);

        Assert.True(counter.Fits(T + 1, 2, 10));
        Assert.False(counter.Fits(T + 1, 3, 10));
    }

    [Fact]
    public void The_wait_is_until_enough_of_the_oldest_counts_have_left()
    {
        var counter = new SlidingWindowCounter();
        counter.Add(T, 4);
        counter.Add(T + 10, 4);
        counter.Add(T + 30, 2);

        Assert.Equal(0, counter.SecondsUntilFits(T + 40, 0, 10));
        Assert.Equal(21, counter.SecondsUntilFits(T + 40, 1, 10)); // second T leaves at T + 61
        Assert.Equal(31, counter.SecondsUntilFits(T + 40, 5, 10)); // T + 10 must leave too
        Assert.Null(counter.SecondsUntilFits(T + 40, 11, 10)); // never fits
        Assert.Equal(21, counter.SecondsUntilOldestLeaves(T + 40));
    }

    [Fact]
    public void A_correction_changes_the_second_it_was_counted_in_and_never_goes_below_zero()
    {
        var counter = new SlidingWindowCounter();
        counter.Add(T, 100);
        counter.Add(T + 5, 50);

        counter.Correct(T, T + 20, -80);
        Assert.Equal(70, counter.Total(T + 20));
        Assert.Equal(50, counter.Total(T + 61)); // the corrected second left; the other is still there

        counter.Correct(T + 5, T + 62, -500);
        Assert.Equal(0, counter.Total(T + 62));
    }

    [Fact]
    public void A_positive_correction_of_a_second_already_gone_is_counted_now()
    {
        var counter = new SlidingWindowCounter();
        counter.Add(T, 10);

        counter.Correct(T, T + 100, 25);
        counter.Correct(T, T + 100, -25); // a negative one of a gone second changes nothing

        Assert.Equal(25, counter.Total(T + 100));
        Assert.Equal(0, counter.Total(T + 161));
    }

    [Fact]
    public void A_long_idle_gap_empties_the_window_and_a_clock_stepping_back_counts_in_the_newest_second()
    {
        var counter = new SlidingWindowCounter();
        counter.Add(T, 5);
        Assert.True(counter.IsEmpty(T + 10_000));

        counter.Add(T + 10_000, 1);
        counter.Add(T + 9_990, 1); // stepped back: held at the newest second
        Assert.Equal(2, counter.Total(T + 10_060));
        Assert.Equal(0, counter.Total(T + 10_061));
    }
}
