using OmniaKey.Domain.Primitives;

namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

/// <summary>
/// The limits a customer set on a key, as stored (validated at the edge: docs/api.md "Key limits"). Null is no
/// limit. Lists hold model ids, aliases or globs, and IPs or CIDR ranges, as the customer wrote them.
/// </summary>
internal sealed record KeyLimitSettings(
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string>? AllowedModels,
    IReadOnlyList<string>? AllowedIps,
    int? RpmLimit,
    long? TpmLimit,
    int? MaxConcurrentRequests,
    long? SpendLimitNanoUsd = null,
    string? SpendLimitPeriod = null) : IValueObject
{
    public static KeyLimitSettings None { get; } = new(null, null, null, null, null, null);
}
