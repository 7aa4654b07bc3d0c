using Microsoft.Extensions.Time.Testing;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Keys.Infrastructure.RateLimits;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

public sealed class KeyRateLimiterTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_key_without_rate_limits_gets_no_counters()
    {
        var limiter = new KeyRateLimiter(clock);
        var decision = limiter.TryAdmit(new ApiKeyIdentity(Guid.NewGuid(), Guid.NewGuid()), 1_000_000);

        Assert.NotNull(decision.Lease);
        Assert.Equal(0, limiter.Count);
    }

    [Fact]
    public void Concurrency_is_freed_by_complete_or_abandon_once_each()
    {
        var limiter = new KeyRateLimiter(clock);
        var key = Key(KeyLimits.None with { MaxConcurrentRequests = 2 });
        var first = limiter.TryAdmit(key, 10).Lease!;
        var second = limiter.TryAdmit(key, 10).Lease!;

        var refused = limiter.TryAdmit(key, 10);
        Assert.Null(refused.Lease);
        Assert.Equal(("requests", 1), (refused.Refusal!.Type, refused.Refusal.RetryAfterSeconds));

        first.Complete(5);
        first.Complete(5); // once only: a second release must not free a slot that is not its own
        first.Abandon();
        Assert.NotNull(limiter.TryAdmit(key, 10).Lease);
        Assert.Null(limiter.TryAdmit(key, 10).Lease);
        second.Abandon();
        Assert.NotNull(limiter.TryAdmit(key, 10).Lease);
    }

    [Fact]
    public void Tokens_are_counted_at_admission_and_corrected_to_the_real_usage()
    {
        var limiter = new KeyRateLimiter(clock);
        var key = Key(KeyLimits.None with { TokensPerMinute = 1000 });

        var lease = limiter.TryAdmit(key, 900).Lease!;
        var refused = limiter.TryAdmit(key, 200);
        Assert.Equal(("tokens", 61), (refused.Refusal!.Type, refused.Refusal.RetryAfterSeconds));
        Assert.Equal(100, refused.State.RemainingTokens);

        lease.Complete(150);
        var admitted = limiter.TryAdmit(key, 200);
        Assert.NotNull(admitted.Lease);
        Assert.Equal(650, admitted.State.RemainingTokens);
    }

    [Fact]
    public void An_abandoned_call_counts_neither_its_request_nor_its_tokens()
    {
        var limiter = new KeyRateLimiter(clock);
        var key = Key(KeyLimits.None with { RequestsPerMinute = 1, TokensPerMinute = 100 });

        limiter.TryAdmit(key, 80).Lease!.Abandon();

        var again = limiter.TryAdmit(key, 80);
        Assert.NotNull(again.Lease);
        Assert.Equal((0, 20), (again.State.RemainingRequests, again.State.RemainingTokens));
    }

    [Fact]
    public void Requests_per_minute_reopen_when_the_oldest_leaves_the_window()
    {
        var limiter = new KeyRateLimiter(clock);
        var key = Key(KeyLimits.None with { RequestsPerMinute = 2 });
        limiter.TryAdmit(key, 0).Lease!.Complete(0);
        clock.Advance(TimeSpan.FromSeconds(30));
        limiter.TryAdmit(key, 0).Lease!.Complete(0);

        var refused = limiter.TryAdmit(key, 0);
        Assert.Equal(("requests", 31), (refused.Refusal!.Type, refused.Refusal.RetryAfterSeconds));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.NotNull(limiter.TryAdmit(key, 0).Lease);
    }

    [Fact]
    public void Idle_keys_are_dropped_but_not_while_a_call_is_in_flight()
    {
        var limiter = new KeyRateLimiter(clock);
        var idle = Key(KeyLimits.None with { RequestsPerMinute = 5 });
        var busy = Key(KeyLimits.None with { MaxConcurrentRequests = 5 });
        limiter.TryAdmit(idle, 0).Lease!.Complete(0);
        var running = limiter.TryAdmit(busy, 0).Lease!;

        clock.Advance(TimeSpan.FromSeconds(120));
        limiter.Sweep(clock.GetUtcNow().ToUnixTimeSeconds());

        Assert.Equal(1, limiter.Count);
        running.Complete(0);
        limiter.Sweep(clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(0, limiter.Count);
    }

    [Fact]
    public async Task Parallel_callers_never_get_more_slots_than_the_limit()
    {
        var limiter = new KeyRateLimiter(clock);
        var key = Key(KeyLimits.None with { RequestsPerMinute = 50 });

        var admitted = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => limiter.TryAdmit(key, 1).Lease is not null)));

        Assert.Equal(50, admitted.Count(a => a));
    }

    private static ApiKeyIdentity Key(KeyLimits limits) => new(Guid.NewGuid(), Guid.NewGuid()) { Limits = limits };
}
