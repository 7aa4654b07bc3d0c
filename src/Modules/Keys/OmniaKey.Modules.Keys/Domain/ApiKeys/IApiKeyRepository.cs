namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

internal interface IApiKeyRepository
{
    void Add(ApiKey key);

    /// <summary>The account's key, tracked for a change; another account's key is not found.</summary>
    Task<ApiKey?> FindAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken);

    /// <summary>The account's key, read-only.</summary>
    Task<ApiKey?> GetAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> of the account's keys in creation order, after the key <paramref name="after"/>.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(Guid accountId, Guid? after, int limit, CancellationToken cancellationToken);

    Task<int> CountActiveAsync(Guid accountId, CancellationToken cancellationToken);
}

/// <summary>
/// Removes a key's hash from the hot-path cache of every instance, after the change commits: on revocation so that it
/// applies to the very next request, on creation so that a remembered "unknown" cannot refuse the new key
/// (docs/adr/0032-cluster-wide-invalidation.md). Whoever revokes or changes a key evicts through this.
/// </summary>
internal interface IApiKeyCache
{
    void Evict(string keyHash);
}
