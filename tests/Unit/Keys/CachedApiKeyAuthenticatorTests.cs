using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;
using OmniaKey.Modules.Keys.Infrastructure;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

/// <summary>The key cache on its own, over a stand-in for the database that counts look-ups.</summary>
public sealed class CachedApiKeyAuthenticatorTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentDictionary<string, ApiKeyIdentity> activeByHash = new();
    private readonly ConcurrentDictionary<string, int> lookUps = new();

    [Fact]
    public async Task A_random_key_costs_one_look_up_and_then_none()
    {
        var authenticator = Authenticator();
        var randomKeys = Enumerable.Range(0, 20).Select(_ => ApiKeySecret.Generate().Value).ToList();

        for (var round = 0; round < 3; round++)
        {
            foreach (var key in randomKeys)
            {
                Assert.Null(await authenticator.AuthenticateAsync(key, default));
            }
        }

        Assert.Equal(20, lookUps.Count);
        Assert.All(lookUps.Values, count => Assert.Equal(1, count));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk-omk-")]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")]
    [InlineData("sk-omk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // one character short
    [InlineData("sk-omk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // one character long
    [InlineData("sk-omk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")] // not base64url
    public async Task A_key_that_is_not_well_formed_is_refused_without_a_look_up_or_a_cache_entry(string presented)
    {
        var authenticator = Authenticator();

        Assert.Null(await authenticator.AuthenticateAsync(presented, default));

        Assert.Empty(lookUps);
        Assert.Equal(0, authenticator.Count);
    }

    [Fact]
    public async Task A_key_issued_after_its_hash_was_remembered_as_unknown_works_at_once_on_this_instance()
    {
        var authenticator = Authenticator();
        var secret = ApiKeySecret.Generate();
        Assert.Null(await authenticator.AuthenticateAsync(secret.Value, default)); // remembered as unknown

        var identity = new ApiKeyIdentity(Guid.NewGuid(), Guid.NewGuid());
        activeByHash[secret.Hash] = identity; // the key commits …
        authenticator.Evict(secret.Hash); // … and its creation evicts the hash

        Assert.Equal(identity, await authenticator.AuthenticateAsync(secret.Value, default));
    }

    [Fact]
    public async Task A_flood_of_distinct_random_keys_stays_within_the_bound_and_does_not_push_out_an_active_key()
    {
        var options = CachedApiKeyAuthenticator.Options with { MaxEntries = 200 };
        var authenticator = Authenticator(options);
        var active = ApiKeySecret.Generate();
        var identity = new ApiKeyIdentity(Guid.NewGuid(), Guid.NewGuid());
        activeByHash[active.Hash] = identity;
        Assert.Equal(identity, await authenticator.AuthenticateAsync(active.Value, default));

        for (var i = 0; i < 2_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Null(await authenticator.AuthenticateAsync(ApiKeySecret.Generate().Value, default));
            Assert.InRange(authenticator.Count, 1, options.MaxEntries + 1);
        }

        Assert.Equal(2_001, lookUps.Values.Sum()); // at most one look-up per distinct key
        Assert.Equal(identity, await authenticator.AuthenticateAsync(active.Value, default));
        Assert.Equal(1, lookUps[active.Hash]);
    }

    [Fact]
    public async Task A_revoked_key_stays_refused_when_its_stale_entry_was_being_reloaded()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloadRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secret = ApiKeySecret.Generate();
        activeByHash[secret.Hash] = new ApiKeyIdentity(Guid.NewGuid(), Guid.NewGuid());
        var authenticator = new CachedApiKeyAuthenticator(
            async (hash, ct) =>
            {
                var found = await LookUpAsync(hash, ct);
                if (lookUps[hash] == 2)
                {
                    reloadRead.SetResult(); // the background reload has read the key as active …
                    await release.Task; // … and is slow to come back
                }

                return found;
            },
            CachedApiKeyAuthenticator.Options,
            new LocalClusterInvalidation(),
            clock,
            NullLogger.Instance);
        Assert.NotNull(await authenticator.AuthenticateAsync(secret.Value, default));
        clock.Advance(CachedApiKeyAuthenticator.Options.Freshness);
        Assert.NotNull(await authenticator.AuthenticateAsync(secret.Value, default)); // stale, a reload starts
        await reloadRead.Task;
        var staleReload = authenticator.WhenLoadedAsync(secret.Hash);

        activeByHash.TryRemove(secret.Hash, out _); // revoked and committed
        authenticator.Evict(secret.Hash);
        Assert.Null(await authenticator.AuthenticateAsync(secret.Value, default));
        release.SetResult();
        await staleReload;

        Assert.Null(await authenticator.AuthenticateAsync(secret.Value, default));

        Assert.Equal(3, lookUps[secret.Hash]);
    }

    /// <summary>
    /// Two instances' caches joined by one signal (<see cref="LocalClusterInvalidation"/> delivers to every subscriber,
    /// as PostgreSQL's NOTIFY does): a revocation evicted through one is gone from the other; and a look-up the other
    /// had started before the revocation (it read the key as active) neither answers its reader nor stays cached.
    /// </summary>
    [Fact]
    public async Task A_revocation_signalled_by_another_instance_evicts_here_and_a_look_up_racing_it_does_not_bring_the_key_back()
    {
        var signal = new LocalClusterInvalidation();
        var secret = ApiKeySecret.Generate();
        activeByHash[secret.Hash] = new ApiKeyIdentity(Guid.NewGuid(), Guid.NewGuid());
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var instanceA = new CachedApiKeyAuthenticator(LookUpAsync, CachedApiKeyAuthenticator.Options, signal, clock, NullLogger.Instance);
        var instanceB = new CachedApiKeyAuthenticator(
            async (hash, ct) =>
            {
                var found = await LookUpAsync(hash, ct);
                if (lookUps[hash] == 2)
                {
                    read.SetResult(); // B's first look-up has read the key as active …
                    await release.Task; // … and is slow to come back
                }

                return found;
            },
            CachedApiKeyAuthenticator.Options,
            signal,
            clock,
            NullLogger.Instance);
        Assert.NotNull(await instanceA.AuthenticateAsync(secret.Value, default)); // look-up 1, on A

        var racing = instanceB.AuthenticateAsync(secret.Value, default).AsTask(); // look-up 2, on B, blocked
        await read.Task;
        activeByHash.TryRemove(secret.Hash, out _); // revoked and committed through A …
        instanceA.Evict(secret.Hash); // … which signals every instance
        release.SetResult();

        Assert.Null(await racing); // B's reader read again (look-up 3) rather than take the stale answer
        Assert.Null(await instanceA.AuthenticateAsync(secret.Value, default)); // look-up 4: A evicted its entry
        Assert.Null(await instanceB.AuthenticateAsync(secret.Value, default)); // remembered as unknown: no look-up
        Assert.Equal(4, lookUps[secret.Hash]);
    }

    private CachedApiKeyAuthenticator Authenticator(StaleWhileRevalidateOptions? options = null) =>
        new(LookUpAsync, options ?? CachedApiKeyAuthenticator.Options, new LocalClusterInvalidation(), clock, NullLogger.Instance);

    private Task<ApiKeyIdentity?> LookUpAsync(string hash, CancellationToken cancellationToken)
    {
        lookUps.AddOrUpdate(hash, 1, (_, n) => n + 1);
        return Task.FromResult(activeByHash.GetValueOrDefault(hash));
    }
}
