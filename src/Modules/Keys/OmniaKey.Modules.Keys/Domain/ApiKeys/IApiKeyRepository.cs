namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

internal interface IApiKeyRepository
{
    void Add(ApiKey key);

    Task<ApiKey?> FindAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListAsync(Guid accountId, CancellationToken cancellationToken);

    Task<int> CountActiveAsync(Guid accountId, CancellationToken cancellationToken);
}

/// <summary>
/// Removes a key's hash from the hot-path cache, after the change commits: on revocation so that it applies to the very
/// next request, on creation so that a remembered "unknown" cannot refuse the new key.
/// </summary>
internal interface IApiKeyCache
{
    void Evict(string keyHash);
}
