namespace OmniaKey.Modules.Accounts.Domain.Lockouts;

/// <summary>
/// The consecutive failed log-ins of one normalized e-mail address, shared by every instance through the database
/// (docs/adr/0046). Keyed by the SHA-256 of the address, never the address itself; unknown addresses are counted and
/// locked exactly like known ones. After the threshold the address is locked for the first window; when the lock ends
/// the count starts again and the next lock-out takes the next, longer window (the last one repeats). A success
/// deletes the row; an hour without a failure starts it over.
/// </summary>
internal sealed class LogInLockout
{
    /// <summary>After this long without a failure an address starts from scratch.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromHours(1);

    public LogInLockout(string emailHash)
    {
        EmailHash = emailHash;
    }

    private LogInLockout()
    {
        EmailHash = string.Empty;
    }

    public string EmailHash { get; private set; }

    /// <summary>Consecutive failures since the last lock-out (or since the start).</summary>
    public int Failures { get; private set; }

    /// <summary>Lock-outs in a row so far: picks the next window.</summary>
    public int Lockouts { get; private set; }

    public DateTimeOffset? LastFailureAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>How long the address stays locked at <paramref name="now"/>, or null.</summary>
    public TimeSpan? LockedFor(DateTimeOffset now) => LockedUntil is { } until && until > now ? until - now : null;

    /// <summary>
    /// One more failure, in memory. The store does the same as one atomic UPDATE (so that two instances never lose
    /// a count) and then calls <see cref="LockIfDue"/>; this method is the reference the tests hold the rule to.
    /// </summary>
    public void Fail(DateTimeOffset now, int threshold, IReadOnlyList<TimeSpan> windows)
    {
        if (LastFailureAt is null || LastFailureAt < now - QuietPeriod)
        {
            Failures = 0;
            Lockouts = 0;
        }

        Failures++;
        LastFailureAt = now;
        LockIfDue(now, threshold, windows);
    }

    /// <summary>Locks the address when the failures reached the threshold, and starts the count again.</summary>
    public void LockIfDue(DateTimeOffset now, int threshold, IReadOnlyList<TimeSpan> windows)
    {
        if (Failures < threshold)
        {
            return;
        }

        LockedUntil = now + windows[Math.Min(Lockouts, windows.Count - 1)];
        Lockouts++;
        Failures = 0;
    }
}
