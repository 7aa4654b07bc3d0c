namespace OmniaKey.Modules.Keys.Infrastructure.RateLimits;

/// <summary>
/// A one-minute sliding window of counts in one-second buckets (not thread-safe: its owner locks). What was counted in
/// second <c>s</c> stays counted through second <c>s + 60</c>, so the window always covers every real 60-second
/// interval that ends now: a limit checked against it is never exceeded in any minute, measured from any instant.
/// The price is that a count may linger up to one second longer than a minute. Fixed memory: 61 buckets.
/// </summary>
internal sealed class SlidingWindowCounter
{
    /// <summary>Buckets counted: the current second and the 60 before it.</summary>
    public const int Buckets = 61;

    private readonly long[] counts = new long[Buckets];
    private long newestSecond = long.MinValue;
    private long total;

    /// <summary>What the window holds at <paramref name="nowSecond"/>.</summary>
    public long Total(long nowSecond)
    {
        Advance(ref nowSecond);
        return total;
    }

    /// <summary>Whether adding <paramref name="amount"/> now keeps the window within <paramref name="limit"/>.</summary>
    public bool Fits(long nowSecond, long amount, long limit) => Total(nowSecond) + amount <= limit;

    public void Add(long nowSecond, long amount)
    {
        Advance(ref nowSecond);
        counts[Index(nowSecond)] += amount;
        total += amount;
    }

    /// <summary>
    /// Corrects what was counted at <paramref name="countedSecond"/> by <paramref name="delta"/> (never below zero), if
    /// that second is still in the window; otherwise what is left of a positive correction is counted now, so a call
    /// longer than the window still counts what it really used once.
    /// </summary>
    public void Correct(long countedSecond, long nowSecond, long delta)
    {
        Advance(ref nowSecond);
        if (nowSecond - countedSecond < Buckets && countedSecond <= nowSecond)
        {
            var index = Index(countedSecond);
            var applied = Math.Max(delta, -counts[index]);
            counts[index] += applied;
            total += applied;
        }
        else if (delta > 0)
        {
            Add(nowSecond, delta);
        }
    }

    /// <summary>
    /// Whole seconds until the window has room for <paramref name="amount"/> under <paramref name="limit"/>, at least 1:
    /// the oldest counts leave first. Null when the amount alone is above the limit (waiting cannot help).
    /// </summary>
    public int? SecondsUntilFits(long nowSecond, long amount, long limit)
    {
        if (amount > limit)
        {
            return null;
        }

        Advance(ref nowSecond);
        var excess = total + amount - limit;
        if (excess <= 0)
        {
            return 0;
        }

        for (var second = nowSecond - Buckets + 1; second <= nowSecond; second++)
        {
            excess -= counts[Index(second)];
            if (excess <= 0)
            {
                // The counts of that second leave the window when second + Buckets begins.
                return (int)Math.Max(1, second + Buckets - nowSecond);
            }
        }

        return Buckets;
    }

    /// <summary>Seconds until the oldest count leaves the window (0 when empty).</summary>
    public int SecondsUntilOldestLeaves(long nowSecond)
    {
        Advance(ref nowSecond);
        for (var second = nowSecond - Buckets + 1; second <= nowSecond; second++)
        {
            if (counts[Index(second)] > 0)
            {
                return (int)(second + Buckets - nowSecond);
            }
        }

        return 0;
    }

    /// <summary>Whether nothing is counted any more (an idle key's counters can be dropped).</summary>
    public bool IsEmpty(long nowSecond) => Total(nowSecond) == 0;

    private static int Index(long second) => (int)(((second % Buckets) + Buckets) % Buckets);

    /// <summary>Moves the window to <paramref name="nowSecond"/>; a clock that steps back is held at the newest second seen.</summary>
    private void Advance(ref long nowSecond)
    {
        if (nowSecond <= newestSecond)
        {
            nowSecond = newestSecond;
            return;
        }

        if (newestSecond == long.MinValue || nowSecond - newestSecond >= Buckets)
        {
            Array.Clear(counts);
            total = 0;
        }
        else
        {
            for (var second = newestSecond + 1; second <= nowSecond; second++)
            {
                var index = Index(second);
                total -= counts[index];
                counts[index] = 0;
            }
        }

        newestSecond = nowSecond;
    }
}
