using OmniaKey.Domain.Primitives;

namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

/// <summary>
/// A customer's API key. Only the SHA-256 of the secret is stored; the secret itself is shown once, at creation.
/// </summary>
internal sealed class ApiKey : AggregateRoot<Guid>
{
    private ApiKey(Guid id, Guid accountId, string name, string hash, string displayPrefix, DateTimeOffset createdAt)
        : base(id)
    {
        AccountId = accountId;
        Name = name;
        Hash = hash;
        DisplayPrefix = displayPrefix;
        CreatedAt = createdAt;
    }

    public Guid AccountId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string Hash { get; private set; }

    /// <summary>The first characters of the secret, enough for a person to recognise the key in a list.</summary>
    public string DisplayPrefix { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static ApiKey Create(Guid accountId, string name, ApiKeySecret secret, DateTimeOffset now)
    {
        var key = new ApiKey(Guid.CreateVersion7(now), accountId, name, secret.Hash, secret.DisplayPrefix, now);
        key.Raise(new ApiKeyCreatedDomainEvent(key.Id, key.Hash, now));
        return key;
    }

    public void Revoke(DateTimeOffset now)
    {
        CheckRule(new KeyMustBeActiveRule(this));
        RevokedAt = now;
        Raise(new ApiKeyRevokedDomainEvent(Id, Hash, now));
    }
}

/// <summary>A key was issued; whoever remembers its hash as unknown (the key cache) must forget it once this commits.</summary>
internal sealed record ApiKeyCreatedDomainEvent(Guid KeyId, string Hash, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A key stopped working; whoever remembers it as active (the key cache) must forget it once this commits.</summary>
internal sealed record ApiKeyRevokedDomainEvent(Guid KeyId, string Hash, DateTimeOffset OccurredAt) : IDomainEvent;

internal sealed class KeyMustBeActiveRule(ApiKey key) : IBusinessRule
{
    public string Code => "key_revoked";

    public string Message => "This key has already been revoked.";

    public bool IsBroken() => key.IsRevoked;
}
