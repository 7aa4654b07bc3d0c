using System.Collections.Concurrent;
using OmniaKey.Modules.Keys.Contracts;

namespace OmniaKey.Modules.Keys.Infrastructure.RateLimits;

/// <summary>
/// <c>rpm_limit</c>, <c>tpm_limit</c> and <c>max_concurrent_requests</c> in this process's memory
/// (docs/adr/0028-per-key-limits.md): per key a one-minute sliding window of requests and one of tokens
/// (<see cref="SlidingWindowCounter"/>) and a count of calls in flight, all changed under the key's lock, so the
/// checks and the counting of one call are one step. Only keys with a rate limit get counters; counters idle for a
/// whole window with nothing in flight are dropped by a sweep at most once per window, so memory follows the keys
/// in use. The limits themselves come with each call (from the key cache), so a changed limit applies at once.
/// </summary>
internal sealed class KeyRateLimiter(TimeProvider clock) : IKeyRateLimiter
{
    /// <summary>The answer for every key without rate limits: nothing to count, nothing allocated per call.</summary>
    private static readonly KeyRateDecision Unlimited = new(NoLease.Instance, null, KeyRateState.Unlimited);

    private readonly ConcurrentDictionary<Guid, KeyCounters> counters = new();
    private long nextSweepSecond;

    /// <summary>Keys with counters (for tests).</summary>
    internal int Count => counters.Count;

    public KeyRateDecision TryAdmit(ApiKeyIdentity key, long tokens)
    {
        var limits = key.Limits;
        if (!limits.HasRateLimits)
        {
            return Unlimited;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        SweepIfDue(now);
        while (true)
        {
            var entry = counters.GetOrAdd(key.KeyId, static _ => new KeyCounters());
            lock (entry)
            {
                if (entry.Dropped)
                {
                    continue; // the sweep removed it between the look-up and the lock; take the new one
                }

                return entry.TryAdmit(limits, now, Math.Max(0, tokens), clock);
            }
        }
    }

    /// <summary>Drops the counters of keys idle for a whole window with nothing in flight.</summary>
    internal void Sweep(long nowSecond)
    {
        foreach (var (keyId, entry) in counters)
        {
            lock (entry)
            {
                if (entry.IsIdle(nowSecond))
                {
                    entry.Dropped = true;
                    counters.TryRemove(new KeyValuePair<Guid, KeyCounters>(keyId, entry));
                }
            }
        }
    }

    private void SweepIfDue(long nowSecond)
    {
        var due = Interlocked.Read(ref nextSweepSecond);
        if (nowSecond >= due && Interlocked.CompareExchange(ref nextSweepSecond, nowSecond + SlidingWindowCounter.Buckets, due) == due)
        {
            Sweep(nowSecond);
        }
    }

    private sealed class KeyCounters
    {
        private readonly SlidingWindowCounter requests = new();
        private readonly SlidingWindowCounter tokens = new();
        private int inFlight;

        public bool Dropped { get; set; }

        public bool IsIdle(long nowSecond) => inFlight == 0 && requests.IsEmpty(nowSecond) && tokens.IsEmpty(nowSecond);

        public KeyRateDecision TryAdmit(KeyLimits limits, long nowSecond, long callTokens, TimeProvider clock)
        {
            if (limits.MaxConcurrentRequests is { } concurrent && inFlight >= concurrent)
            {
                return Refused(limits, nowSecond, new KeyRateRefusal(
                    "requests",
                    $"Too many concurrent requests for this key: limit {concurrent}, in flight {inFlight}. Retry when one of them has finished.",
                    1));
            }

            if (limits.RequestsPerMinute is { } rpm && !requests.Fits(nowSecond, 1, rpm))
            {
                var wait = requests.SecondsUntilFits(nowSecond, 1, rpm) ?? SlidingWindowCounter.Buckets;
                return Refused(limits, nowSecond, new KeyRateRefusal(
                    "requests",
                    $"Rate limit reached for this key on requests per min (RPM): Limit {rpm}, Used {requests.Total(nowSecond)}, Requested 1. Please try again in {wait}s.",
                    wait));
            }

            if (limits.TokensPerMinute is { } tpm && !tokens.Fits(nowSecond, callTokens, tpm))
            {
                var wait = tokens.SecondsUntilFits(nowSecond, callTokens, tpm);
                var message = wait is null
                    ? $"Request too large for this key on tokens per min (TPM): Limit {tpm}, Requested {callTokens}. Lower max_tokens or send a shorter input."
                    : $"Rate limit reached for this key on tokens per min (TPM): Limit {tpm}, Used {tokens.Total(nowSecond)}, Requested {callTokens}. Please try again in {wait}s.";
                return Refused(limits, nowSecond, new KeyRateRefusal("tokens", message, wait ?? SlidingWindowCounter.Buckets));
            }

            requests.Add(nowSecond, 1);
            tokens.Add(nowSecond, callTokens);
            inFlight++;
            return new KeyRateDecision(new Lease(this, nowSecond, callTokens, clock), null, State(limits, nowSecond));
        }

        public void Release(long countedSecond, long countedTokens, long? tokensUsed, long nowSecond)
        {
            inFlight--;
            if (tokensUsed is { } used)
            {
                tokens.Correct(countedSecond, nowSecond, used - countedTokens);
                return;
            }

            // Abandoned: it was never a call, so neither its request nor its tokens count.
            requests.Correct(countedSecond, nowSecond, -1);
            tokens.Correct(countedSecond, nowSecond, -countedTokens);
        }

        private KeyRateDecision Refused(KeyLimits limits, long nowSecond, KeyRateRefusal refusal) =>
            new(null, refusal, State(limits, nowSecond));

        private KeyRateState State(KeyLimits limits, long nowSecond) => new(
            limits.RequestsPerMinute,
            limits.RequestsPerMinute is { } rpm ? Math.Max(0, rpm - requests.Total(nowSecond)) : 0,
            TimeSpan.FromSeconds(requests.SecondsUntilOldestLeaves(nowSecond)),
            limits.TokensPerMinute,
            limits.TokensPerMinute is { } tpm ? Math.Max(0, tpm - tokens.Total(nowSecond)) : 0,
            TimeSpan.FromSeconds(tokens.SecondsUntilOldestLeaves(nowSecond)));
    }

    /// <summary>One admitted call; the first of Complete and Abandon counts, later calls do nothing.</summary>
    private sealed class Lease(KeyCounters entry, long countedSecond, long countedTokens, TimeProvider clock) : IKeyCallLease
    {
        private int released;

        public void Complete(long tokensUsed) => Release(Math.Max(0, tokensUsed));

        public void Abandon() => Release(null);

        private void Release(long? tokensUsed)
        {
            if (Interlocked.Exchange(ref released, 1) == 1)
            {
                return;
            }

            // An entry with a call in flight is never idle, so the sweep cannot have dropped it.
            lock (entry)
            {
                entry.Release(countedSecond, countedTokens, tokensUsed, clock.GetUtcNow().ToUnixTimeSeconds());
            }
        }
    }

    private sealed class NoLease : IKeyCallLease
    {
        public static readonly NoLease Instance = new();

        public void Complete(long tokensUsed)
        {
        }

        public void Abandon()
        {
        }
    }
}
