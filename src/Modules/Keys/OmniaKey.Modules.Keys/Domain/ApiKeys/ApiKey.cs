using OmniaKey.Domain.Primitives;

namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

/// <summary>
/// A customer's API key. Only the SHA-256 of the secret is stored; the secret itself is shown once, at creation.
/// </summary>
internal sealed class ApiKey : AggregateRoot<Guid>
{
    private ApiKey(Guid id, Guid accountId, string name, string hash, string displayPrefix, string? lastFour, DateTimeOffset createdAt)
        : base(id)
    {
        AccountId = accountId;
        Name = name;
        Hash = hash;
        DisplayPrefix = displayPrefix;
        LastFour = lastFour;
        CreatedAt = createdAt;
    }

    public Guid AccountId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string Hash { get; private set; }

    /// <summary>The first characters of the secret, enough for a person to recognise the key in a list.</summary>
    public string DisplayPrefix { get; private set; }

    /// <summary>The last four characters of the secret (null for keys issued before they were kept).</summary>
    public string? LastFour { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public IReadOnlyList<string>? AllowedModels { get; private set; }

    public IReadOnlyList<string>? AllowedIps { get; private set; }

    public int? RpmLimit { get; private set; }

    public long? TpmLimit { get; private set; }

    public int? MaxConcurrentRequests { get; private set; }

    /// <summary>
    /// The key budget: at most this many nano-USD charged per <see cref="SpendLimitPeriod"/> (<c>total</c>, <c>day</c>
    /// or <c>month</c>, UTC), held and settled by Billing with the balance (docs/adr/0033-key-budgets.md).
    /// </summary>
    public long? SpendLimitNanoUsd { get; private set; }

    public string? SpendLimitPeriod { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public KeyLimitSettings Limits => new(ExpiresAt, AllowedModels, AllowedIps, RpmLimit, TpmLimit, MaxConcurrentRequests, SpendLimitNanoUsd, SpendLimitPeriod);

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary><c>active</c>, <c>revoked</c> or <c>expired</c>.</summary>
    public string StatusAt(DateTimeOffset now) => IsRevoked ? "revoked" : IsExpiredAt(now) ? "expired" : "active";

    public static ApiKey Create(Guid accountId, string name, ApiKeySecret secret, DateTimeOffset now, KeyLimitSettings? limits = null)
    {
        var key = new ApiKey(Guid.CreateVersion7(now), accountId, name, secret.Hash, secret.DisplayPrefix, secret.LastFour, now);
        key.SetLimits(limits ?? KeyLimitSettings.None);
        key.Raise(new ApiKeyCreatedDomainEvent(key.Id, key.Hash, now));
        return key;
    }

    /// <summary>
    /// Renames the key and replaces its limits. The cached copy is evicted once this commits
    /// (<see cref="ApiKeyChangedDomainEvent"/>), so the next request on this instance sees the new limits.
    /// </summary>
    public void Change(string name, KeyLimitSettings limits, DateTimeOffset now)
    {
        CheckRule(new KeyMustBeActiveRule(this));
        Name = name;
        SetLimits(limits);
        Raise(new ApiKeyChangedDomainEvent(Id, Hash, now));
    }

    /// <summary>
    /// Makes the key expire at <paramref name="until"/> at the latest (a rotation's overlap window); an earlier expiry
    /// the customer set stays.
    /// </summary>
    public void ExpireBy(DateTimeOffset until, DateTimeOffset now)
    {
        CheckRule(new KeyMustBeActiveRule(this));
        if (ExpiresAt is null || ExpiresAt > until)
        {
            ExpiresAt = until;
        }

        Raise(new ApiKeyChangedDomainEvent(Id, Hash, now));
    }

    public void Revoke(DateTimeOffset now)
    {
        CheckRule(new KeyMustBeActiveRule(this));
        RevokedAt = now;
        Raise(new ApiKeyRevokedDomainEvent(Id, Hash, now));
    }

    private void SetLimits(KeyLimitSettings limits)
    {
        ExpiresAt = limits.ExpiresAt;
        AllowedModels = limits.AllowedModels;
        AllowedIps = limits.AllowedIps;
        RpmLimit = limits.RpmLimit;
        TpmLimit = limits.TpmLimit;
        MaxConcurrentRequests = limits.MaxConcurrentRequests;
        SpendLimitNanoUsd = limits.SpendLimitNanoUsd;
        SpendLimitPeriod = limits.SpendLimitNanoUsd is null ? null : limits.SpendLimitPeriod ?? KeySpendPeriods.Total;
    }
}

/// <summary>A key was issued; whoever remembers its hash as unknown (the key cache) must forget it once this commits.</summary>
internal sealed record ApiKeyCreatedDomainEvent(Guid KeyId, string Hash, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A key's name or limits changed; whoever caches its limits (the key cache) must forget them once this commits.</summary>
internal sealed record ApiKeyChangedDomainEvent(Guid KeyId, string Hash, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A key stopped working; whoever remembers it as active (the key cache) must forget it once this commits.</summary>
internal sealed record ApiKeyRevokedDomainEvent(Guid KeyId, string Hash, DateTimeOffset OccurredAt) : IDomainEvent;

internal sealed class KeyMustBeActiveRule(ApiKey key) : IBusinessRule
{
    public string Code => "key_revoked";

    public string Message => "This key has already been revoked.";

    public bool IsBroken() => key.IsRevoked;
}
