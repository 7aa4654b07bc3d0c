using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>A key as listed: never the secret, only its recognisable prefix.</summary>
internal sealed record ApiKeyDto(Guid Id, string Name, string Prefix, string Status, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyDto From(ApiKey key) =>
        new(key.Id, key.Name, key.DisplayPrefix, key.IsRevoked ? "revoked" : "active", key.CreatedAt, key.RevokedAt);
}

/// <summary>A key just created: the only time the secret (<see cref="Key"/>) is ever shown.</summary>
internal sealed record CreatedApiKeyDto(Guid Id, string Name, string Key, string Prefix, string Status, DateTimeOffset CreatedAt);
