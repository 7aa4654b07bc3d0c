using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>
/// A key as listed: never the secret, only its recognisable prefix and last four characters; its limits (null is
/// no limit); and what it has cost and when it was last used, from billing's usage records.
/// </summary>
internal sealed record ApiKeyDto(
    Guid Id,
    string Name,
    string Prefix,
    string? LastFour,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string SpendUsd,
    IReadOnlyList<string>? AllowedModels,
    IReadOnlyList<string>? AllowedIps,
    int? RpmLimit,
    long? TpmLimit,
    int? MaxConcurrentRequests,
    string? SpendLimitUsd,
    string? SpendLimitPeriod,
    string? PeriodSpendUsd)
{
    public static ApiKeyDto From(ApiKey key, DateTimeOffset now, KeyUsage usage, string? periodSpendUsd = null) => new(
        key.Id,
        key.Name,
        key.DisplayPrefix,
        key.LastFour,
        key.StatusAt(now),
        key.CreatedAt,
        key.RevokedAt,
        key.ExpiresAt,
        usage.LastUsedAt,
        usage.SpendUsd,
        key.AllowedModels,
        key.AllowedIps,
        key.RpmLimit,
        key.TpmLimit,
        key.MaxConcurrentRequests,
        SpendLimitText(key),
        key.SpendLimitPeriod,
        key.SpendLimitNanoUsd is null ? null : periodSpendUsd ?? "0");

    /// <summary>The budget as a decimal USD string (exactly the nano-USD stored), or null for none.</summary>
    public static string? SpendLimitText(ApiKey key) =>
        key.SpendLimitNanoUsd is { } nanoUsd ? OmniaKey.Domain.Money.Money.FromNanoUsd(nanoUsd).ToString() : null;
}

/// <summary>A key's spend (decimal USD) and last use.</summary>
internal sealed record KeyUsage(string SpendUsd, DateTimeOffset? LastUsedAt)
{
    public static KeyUsage Unused { get; } = new("0", null);
}

/// <summary>A key just created: the only time the secret (<see cref="Key"/>) is ever shown.</summary>
internal sealed record CreatedApiKeyDto(
    Guid Id,
    string Name,
    string Key,
    string Prefix,
    string? LastFour,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string>? AllowedModels,
    IReadOnlyList<string>? AllowedIps,
    int? RpmLimit,
    long? TpmLimit,
    int? MaxConcurrentRequests,
    string? SpendLimitUsd,
    string? SpendLimitPeriod)
{
    public static CreatedApiKeyDto From(ApiKey key, ApiKeySecret secret, DateTimeOffset now) => new(
        key.Id,
        key.Name,
        secret.Value,
        key.DisplayPrefix,
        key.LastFour,
        key.StatusAt(now),
        key.CreatedAt,
        key.ExpiresAt,
        key.AllowedModels,
        key.AllowedIps,
        key.RpmLimit,
        key.TpmLimit,
        key.MaxConcurrentRequests,
        ApiKeyDto.SpendLimitText(key),
        key.SpendLimitPeriod);

    /// <summary>Never print the secret: a record's generated ToString would.</summary>
    public override string ToString() => $"{Name} ({Prefix}…{LastFour})";
}
