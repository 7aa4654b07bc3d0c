using System.Collections.Concurrent;
using OmniaKey.Infrastructure.RateLimiting;

namespace OmniaKey.Modules.Accounts.Infrastructure.Throttling;

/// <summary>
/// Consecutive failed log-ins per normalized e-mail address, in memory on this instance (docs/adr/0030). After
/// <see cref="RateLimitSettings.LogInLockoutThreshold"/> failures in a row the address is locked for the first window
/// of <see cref="RateLimitSettings.LogInLockoutWindows"/>; when the lock ends the count starts again, and the next
/// lock-out takes the next, longer window (the last one repeats). A success forgets everything; so does an hour
/// without a failure. Unknown addresses are counted and locked exactly like known ones.
/// </summary>
internal sealed class LogInLockouts(RateLimitSettings settings, TimeProvider clock)
{
    /// <summary>After this long without a failure an address starts from scratch.</summary>
    internal static readonly TimeSpan QuietPeriod = TimeSpan.FromHours(1);

    private const int MaxAddresses = 100_000;

    private readonly ConcurrentDictionary<string, Failures> addresses = new(StringComparer.Ordinal);

    /// <summary>How long the address stays locked, or null.</summary>
    public TimeSpan? LockedFor(string email)
    {
        if (!addresses.TryGetValue(email, out var entry))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (entry)
        {
            return entry.LockedUntil > now ? entry.LockedUntil - now : null;
        }
    }

    public void Failed(string email)
    {
        var now = clock.GetUtcNow();
        if (!addresses.TryGetValue(email, out var entry))
        {
            if (addresses.Count >= MaxAddresses)
            {
                Sweep(now);
            }

            entry = addresses.GetOrAdd(email, _ => new Failures());
        }

        lock (entry)
        {
            if (now - entry.LastFailure > QuietPeriod)
            {
                entry.Count = 0;
                entry.Lockouts = 0;
            }

            entry.LastFailure = now;
            entry.Count++;
            if (entry.Count < settings.LogInLockoutThreshold)
            {
                return;
            }

            var windows = settings.LogInLockoutWindows;
            entry.LockedUntil = now + windows[Math.Min(entry.Lockouts, windows.Count - 1)];
            entry.Lockouts++;
            entry.Count = 0;
        }
    }

    public void Succeeded(string email) => addresses.TryRemove(email, out _);

    /// <summary>Drops quiet addresses; if the table is still full, every address not locked right now.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (email, entry) in addresses)
        {
            if (entry.LockedUntil <= now && now - entry.LastFailure > QuietPeriod)
            {
                addresses.TryRemove(email, out _);
            }
        }

        if (addresses.Count < MaxAddresses)
        {
            return;
        }

        foreach (var (email, entry) in addresses)
        {
            if (entry.LockedUntil <= now)
            {
                addresses.TryRemove(email, out _);
            }
        }
    }

    private sealed class Failures
    {
        public int Count { get; set; }

        public int Lockouts { get; set; }

        public DateTimeOffset LastFailure { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
