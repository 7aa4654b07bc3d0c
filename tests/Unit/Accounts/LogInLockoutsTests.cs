using OmniaKey.Modules.Accounts.Domain.Lockouts;
using OmniaKey.Modules.Accounts.Infrastructure.Throttling;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

/// <summary>The lock-out rule (docs/adr/0046); the database store applies the same rule, tested end to end.</summary>
public sealed class LogInLockoutsTests
{
    private const int Threshold = 2;

    private static readonly TimeSpan[] Windows = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    private DateTimeOffset now = new(2026, 6, 15, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Consecutive_failures_lock_with_growing_windows_and_the_last_repeats()
    {
        var lockout = new LogInLockout("hash");
        TimeSpan[] expected = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)];
        foreach (var window in expected)
        {
            lockout.Fail(now, Threshold, Windows);
            Assert.Null(lockout.LockedFor(now));
            lockout.Fail(now, Threshold, Windows);
            Assert.Equal(window, lockout.LockedFor(now));
            now += window;
            Assert.Null(lockout.LockedFor(now));
        }
    }

    [Fact]
    public void An_hour_without_failures_starts_over()
    {
        var lockout = new LogInLockout("hash");
        lockout.Fail(now, Threshold, Windows);
        lockout.Fail(now, Threshold, Windows); // locked 1 min
        now += TimeSpan.FromMinutes(1) + LogInLockout.QuietPeriod + TimeSpan.FromSeconds(1);
        lockout.Fail(now, Threshold, Windows);
        Assert.Null(lockout.LockedFor(now));
        lockout.Fail(now, Threshold, Windows);
        Assert.Equal(TimeSpan.FromMinutes(1), lockout.LockedFor(now)); // the first window again
    }

    [Fact]
    public void The_key_is_the_sha256_of_the_address_never_the_address()
    {
        var hash = LogInLockoutStore.Hash("a@example.com");
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain("example", hash, StringComparison.Ordinal);
        Assert.Equal(hash, LogInLockoutStore.Hash("a@example.com"));
        Assert.NotEqual(hash, LogInLockoutStore.Hash("b@example.com"));
    }
}
