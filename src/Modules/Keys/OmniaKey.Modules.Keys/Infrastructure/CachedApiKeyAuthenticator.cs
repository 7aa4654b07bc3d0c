using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;
using OmniaKey.Modules.Keys.Infrastructure.Persistence;

namespace OmniaKey.Modules.Keys.Infrastructure;

/// <summary>
/// Key look-up for <c>/v1</c>, keyed by the key's SHA-256, from memory with stale-while-revalidate
/// (docs/adr/0020-stale-while-revalidate-caches.md, docs/adr/0005-api-key-cache.md). Active keys and unknown (or
/// revoked) keys are both remembered, so a flood of random keys costs one query per distinct key and bounded memory.
/// Revoking, rotating out or changing a key evicts it on every instance (<see cref="IApiKeyCache"/> publishes on
/// <see cref="Topic"/>; docs/adr/0032-cluster-wide-invalidation.md): here at once, elsewhere when the signal arrives.
/// Creating one evicts its hash too, so a remembered "unknown" cannot refuse it anywhere.
/// </summary>
internal sealed class CachedApiKeyAuthenticator : IApiKeyAuthenticator, IApiKeyCache, IStartupWarmup
{
    /// <summary>
    /// Five seconds fresh, hard bound three times that; up to 50,000 keys (about 25 MB at most), unknown keys evicted
    /// first when full.
    /// </summary>
    internal static readonly StaleWhileRevalidateOptions Options =
        StaleWhileRevalidateOptions.ForLifetime(TimeSpan.FromSeconds(5)) with { MaxEntries = 50_000 };

    /// <summary>The cluster invalidation topic of keys; ids are key hashes.</summary>
    internal const string Topic = "api-keys";

    /// <summary>What the start-up warm-up looks up: not a SHA-256 in hex, so no key has it.</summary>
    internal const string NoKeyHash = "start-up warm-up";

    private readonly StaleWhileRevalidateCache<string, ApiKeyIdentity> keys;

    private readonly Func<string, CancellationToken, Task<ApiKeyIdentity?>> lookUp;

    private readonly TimeProvider clock;

    private readonly IClusterInvalidation invalidation;

    public CachedApiKeyAuthenticator(
        IServiceScopeFactory scopes, IClusterInvalidation invalidation, TimeProvider clock, ILogger<CachedApiKeyAuthenticator> logger)
        : this((hash, ct) => LookUpAsync(scopes, hash, ct), Options, invalidation, clock, logger)
    {
    }

    /// <param name="lookUp">The active key with this hash, or null (unknown or revoked).</param>
    internal CachedApiKeyAuthenticator(
        Func<string, CancellationToken, Task<ApiKeyIdentity?>> lookUp,
        StaleWhileRevalidateOptions options,
        IClusterInvalidation invalidation,
        TimeProvider clock,
        ILogger logger)
    {
        keys = new("api keys", lookUp, options, clock, logger);
        this.lookUp = lookUp;
        this.clock = clock;
        this.invalidation = invalidation;
        // A singleton for the process's life: the subscription is never disposed.
        invalidation.Subscribe(Topic, keys.Evict, keys.EvictAll);
    }

    /// <summary>Keys held: active and unknown.</summary>
    internal int Count => keys.Count;

    public ValueTask<ApiKeyIdentity?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        // Not one of our keys: refused without a look-up, and without taking a place in the cache.
        if (!ApiKeySecret.IsWellFormed(presentedKey))
        {
            return ValueTask.FromResult<ApiKeyIdentity?>(null);
        }

        var found = keys.GetAsync(ApiKeySecret.HashOf(presentedKey), cancellationToken);
        return found.IsCompletedSuccessfully ? ValueTask.FromResult(Unexpired(found.Result)) : UnexpiredAsync(found);
    }

    /// <summary>
    /// Runs the look-up once, past the cache, for a hash no key has: the query is compiled before the first call,
    /// and nothing is remembered.
    /// </summary>
    public async Task WarmAsync(CancellationToken cancellationToken) => await lookUp(NoKeyHash, cancellationToken);

    /// <summary>Evicts here at once and on every other instance when the signal arrives (call after the commit).</summary>
    public void Evict(string keyHash) => invalidation.Publish(Topic, keyHash);

    /// <summary>Completes when the look-up in flight for the hash (if any) has finished (for tests).</summary>
    internal Task WhenLoadedAsync(string keyHash) => keys.WhenLoadedAsync(keyHash);

    private async ValueTask<ApiKeyIdentity?> UnexpiredAsync(ValueTask<ApiKeyIdentity?> found) => Unexpired(await found);

    /// <summary>Expiry is judged on every call against the clock, so a key cached before it expired stops at its expiry.</summary>
    private ApiKeyIdentity? Unexpired(ApiKeyIdentity? identity) =>
        identity is not null && identity.Limits.IsExpiredAt(clock.GetUtcNow()) ? null : identity;

    private static async Task<ApiKeyIdentity?> LookUpAsync(IServiceScopeFactory scopes, string hash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeysDbContext>();
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.AccountId, k.ExpiresAt, k.AllowedModels, k.AllowedIps, k.RpmLimit, k.TpmLimit, k.MaxConcurrentRequests, k.SpendLimitNanoUsd, k.SpendLimitPeriod })
            .FirstOrDefaultAsync(cancellationToken);
        return key is null
            ? null
            : new ApiKeyIdentity(key.Id, key.AccountId)
            {
                Limits = KeyLimitsCompiler.Compile(
                    new KeyLimitSettings(key.ExpiresAt, key.AllowedModels, key.AllowedIps, key.RpmLimit, key.TpmLimit, key.MaxConcurrentRequests, key.SpendLimitNanoUsd, key.SpendLimitPeriod)),
            };
    }
}
