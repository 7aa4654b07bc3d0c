using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>The limits a request sets: each absent (unchanged), null (cleared) or a new value.</summary>
internal sealed record KeyLimitsPatch(
    Optional<DateTimeOffset?> ExpiresAt,
    Optional<IReadOnlyList<string>?> AllowedModels,
    Optional<IReadOnlyList<string>?> AllowedIps,
    Optional<int?> RpmLimit,
    Optional<long?> TpmLimit,
    Optional<int?> MaxConcurrentRequests)
{
    public static KeyLimitsPatch None { get; } = new(default, default, default, default, default, default);

    public KeyLimitSettings ApplyTo(KeyLimitSettings current) => new(
        ExpiresAt.Or(current.ExpiresAt),
        AllowedModels.Or(current.AllowedModels),
        AllowedIps.Or(current.AllowedIps),
        RpmLimit.Or(current.RpmLimit),
        TpmLimit.Or(current.TpmLimit),
        MaxConcurrentRequests.Or(current.MaxConcurrentRequests));
}
