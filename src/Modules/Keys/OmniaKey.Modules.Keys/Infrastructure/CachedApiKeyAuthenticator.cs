using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;
using OmniaKey.Modules.Keys.Infrastructure.Persistence;

namespace OmniaKey.Modules.Keys.Infrastructure;

/// <summary>
/// Key look-up for <c>/v1</c>, keyed by the key's SHA-256. Active keys are cached; revoking a key evicts it in this
/// process at once, and a short lifetime bounds how long another instance may still accept it
/// (docs/adr/0005-api-key-cache.md). Unknown keys are not cached, so a new key works immediately.
/// </summary>
internal sealed class CachedApiKeyAuthenticator(IMemoryCache cache, IServiceScopeFactory scopes) : IApiKeyAuthenticator, IApiKeyCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (!presentedKey.StartsWith(ApiKeySecret.Prefix, StringComparison.Ordinal) || presentedKey.Length > 128)
        {
            return null;
        }

        var hash = ApiKeySecret.HashOf(presentedKey);
        if (cache.TryGetValue(CacheKey(hash), out ApiKeyIdentity? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeysDbContext>();
        var identity = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new ApiKeyIdentity(k.Id, k.AccountId))
            .FirstOrDefaultAsync(cancellationToken);
        if (identity is not null)
        {
            cache.Set(CacheKey(hash), identity, Lifetime);
        }

        return identity;
    }

    public void Evict(string keyHash) => cache.Remove(CacheKey(keyHash));

    private static string CacheKey(string hash) => $"keys:{hash}";
}
