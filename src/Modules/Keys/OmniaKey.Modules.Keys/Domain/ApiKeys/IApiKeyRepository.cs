namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

internal interface IApiKeyRepository
{
    void Add(ApiKey key);

    Task<ApiKey?> FindAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListAsync(Guid accountId, CancellationToken cancellationToken);

    Task<int> CountActiveAsync(Guid accountId, CancellationToken cancellationToken);
}

/// <summary>Removes a key from the hot-path cache so that revocation applies to the very next request.</summary>
internal interface IApiKeyCache
{
    void Evict(string keyHash);
}
