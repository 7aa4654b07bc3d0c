using Microsoft.Extensions.Time.Testing;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Accounts.Infrastructure.Throttling;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

public sealed class LogInLockoutsTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.Zero));

    private LogInLockouts Lockouts() => new(new RateLimitSettings { LogInLockoutThreshold = 2 }, clock);

    [Fact]
    public void Consecutive_failures_lock_with_growing_windows_and_the_last_repeats()
    {
        var lockouts = Lockouts();
        TimeSpan[] expected = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)];
        foreach (var window in expected)
        {
            lockouts.Failed("a@example.com");
            Assert.Null(lockouts.LockedFor("a@example.com"));
            lockouts.Failed("a@example.com");
            Assert.Equal(window, lockouts.LockedFor("a@example.com"));
            clock.Advance(window);
            Assert.Null(lockouts.LockedFor("a@example.com"));
        }
    }

    [Fact]
    public void A_success_or_an_hour_without_failures_starts_over()
    {
        var lockouts = Lockouts();
        lockouts.Failed("a@example.com");
        lockouts.Succeeded("a@example.com");
        lockouts.Failed("a@example.com");
        Assert.Null(lockouts.LockedFor("a@example.com"));

        lockouts.Failed("a@example.com"); // locked 1 min
        clock.Advance(TimeSpan.FromMinutes(1) + LogInLockouts.QuietPeriod + TimeSpan.FromSeconds(1));
        lockouts.Failed("a@example.com");
        lockouts.Failed("a@example.com");
        Assert.Equal(TimeSpan.FromMinutes(1), lockouts.LockedFor("a@example.com")); // the first window again
        Assert.Null(lockouts.LockedFor("b@example.com"));
    }
}
