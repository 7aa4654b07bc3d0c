using System.Collections.Concurrent;

namespace OmniaKey.Infrastructure.RateLimiting;

/// <summary>
/// Counts attempts per key (a client IP, an e-mail address) in fixed windows on the injected clock, in memory. Used
/// where ASP.NET Core's request-counting limiter does not fit: counting failures only, or inside a handler that knows
/// the e-mail address. Memory is bounded: a full table first drops its expired windows, and if that is not enough it
/// starts over (forgiving everyone is the safe failure for a limiter; growing without bound is not).
/// </summary>
public sealed class FixedWindowCounter(int permits, TimeSpan window, TimeProvider clock, int maxKeys = 100_000)
{
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    /// <summary>Nothing counted: lets a hot path skip building the key.</summary>
    public bool IsEmpty => windows.IsEmpty;

    /// <summary>Keys held (for tests).</summary>
    internal int Count => windows.Count;

    /// <summary>Counts one attempt; false (and how long until the window ends) when the key's permits are used up.</summary>
    public bool TryAcquire(string key, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        var entry = GetOrAdd(key, now);
        lock (entry)
        {
            entry.Roll(now, window);
            if (entry.Count >= permits)
            {
                retryAfter = entry.Start + window - now;
                return false;
            }

            entry.Count++;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Whether the key's permits in the current window are used up, without counting anything.</summary>
    public bool IsExhausted(string key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!windows.TryGetValue(key, out var entry))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        lock (entry)
        {
            entry.Roll(now, window);
            if (entry.Count < permits)
            {
                return false;
            }

            retryAfter = entry.Start + window - now;
            return true;
        }
    }

    public void Reset(string key) => windows.TryRemove(key, out _);

    private Window GetOrAdd(string key, DateTimeOffset now)
    {
        if (windows.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (windows.Count >= maxKeys)
        {
            Sweep(now);
        }

        return windows.GetOrAdd(key, _ => new Window { Start = now });
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in windows)
        {
            if (entry.Start + window <= now)
            {
                windows.TryRemove(key, out _);
            }
        }

        if (windows.Count >= maxKeys)
        {
            windows.Clear();
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; }

        public int Count { get; set; }

        public void Roll(DateTimeOffset now, TimeSpan length)
        {
            if (Start + length <= now)
            {
                Start = now;
                Count = 0;
            }
        }
    }
}
