using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Security;
using Xunit;

namespace OmniaKey.UnitTests.RateLimiting;

/// <summary>The building blocks of the abuse limits (docs/abuse-limits.md).</summary>
public sealed class RateLimitingTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void A_fixed_window_allows_its_permits_then_says_how_long_until_it_ends()
    {
        var counter = new FixedWindowCounter(2, TimeSpan.FromMinutes(1), clock);

        Assert.True(counter.TryAcquire("a", out _));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(counter.TryAcquire("a", out _));
        Assert.False(counter.TryAcquire("a", out var wait));
        Assert.Equal(TimeSpan.FromSeconds(40), wait);
        Assert.True(counter.IsExhausted("a", out _));
        Assert.True(counter.TryAcquire("b", out _)); // keys are independent

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.False(counter.IsExhausted("a", out _));
        Assert.True(counter.TryAcquire("a", out _));
    }

    [Fact]
    public void Looking_does_not_count()
    {
        var counter = new FixedWindowCounter(1, TimeSpan.FromMinutes(1), clock);

        Assert.False(counter.IsExhausted("a", out _));
        Assert.False(counter.IsExhausted("a", out _));
        Assert.True(counter.TryAcquire("a", out _));
        Assert.True(counter.IsExhausted("a", out _));
    }

    [Fact]
    public void A_full_table_drops_expired_windows_and_never_grows_past_its_bound()
    {
        var counter = new FixedWindowCounter(1, TimeSpan.FromMinutes(1), clock, maxKeys: 100);
        for (var i = 0; i < 100; i++)
        {
            counter.TryAcquire($"old-{i}", out _);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        counter.TryAcquire("new", out _);
        Assert.Equal(1, counter.Count);

        for (var i = 0; i < 1000; i++)
        {
            counter.TryAcquire($"flood-{i}", out _);
        }

        Assert.InRange(counter.Count, 1, 100);
    }

    [Fact]
    public void The_failure_throttle_blocks_an_ip_after_its_failures_and_only_that_ip()
    {
        var settings = new RateLimitSettings { AdminFailuresPerMinute = 2 };
        var throttle = new AdminFailureThrottle(settings, clock);
        var attacker = IPAddress.Parse("203.0.113.9");

        Assert.Null(throttle.Blocked(attacker));
        throttle.RecordFailure(attacker);
        Assert.Null(throttle.Blocked(attacker));
        throttle.RecordFailure(attacker);
        Assert.Equal(TimeSpan.FromMinutes(1), throttle.Blocked(attacker));
        Assert.Null(throttle.Blocked(IPAddress.Parse("203.0.113.10")));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(throttle.Blocked(attacker));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    public void Ipv6_clients_count_by_their_64_network(string address, string partition) =>
        Assert.Equal(partition, ClientPartition.Of(IPAddress.Parse(address)));

    [Fact]
    public void No_address_is_one_partition() => Assert.Equal(ClientPartition.Unknown, ClientPartition.Of((IPAddress?)null));

    [Fact]
    public void Settings_have_the_documented_defaults_and_read_configuration()
    {
        var defaults = RateLimitSettings.FromConfiguration(new ConfigurationBuilder().Build());
        Assert.Equal(20, defaults.SignUpPermitsPerHour);
        Assert.Equal(30, defaults.LogInPermitsPerMinute);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)], defaults.LogInLockoutWindows);

        var configured = RateLimitSettings.FromConfiguration(Configuration(("RateLimits:SignUp:PermitsPerHour", "7"), ("RateLimits:LogIn:LockoutMinutes", "2, 10")));
        Assert.Equal(7, configured.SignUpPermitsPerHour);
        Assert.Equal([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)], configured.LogInLockoutWindows);
    }

    [Theory]
    [InlineData("RateLimits:LogIn:PermitsPerMinute", "0")]
    [InlineData("RateLimits:LogIn:PermitsPerMinute", "-3")]
    [InlineData("RateLimits:SignUp:PermitsPerHour", "lots")]
    [InlineData("RateLimits:LogIn:LockoutMinutes", "1,x")]
    public void A_bad_setting_stops_start_up_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RateLimitSettings.FromConfiguration(Configuration((key, value))));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)] // 31
    [InlineData("0123456789abcdef0123456789abcdef", true)] // 32
    public void The_admin_token_is_unset_or_at_least_32_characters(string? token, bool accepted) =>
        Assert.Equal(accepted, AdminTokenOptions.Problem(token) is null);

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
