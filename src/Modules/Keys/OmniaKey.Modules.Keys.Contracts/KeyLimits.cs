using System.Net;

namespace OmniaKey.Modules.Keys.Contracts;

/// <summary>
/// The limits a customer set on one key, ready for the hot path: IP networks parsed and model patterns checked once
/// when the key is loaded. A null limit is no limit. Enforced on <c>/v1</c> (docs/adr/0028-per-key-limits.md).
/// </summary>
public sealed record KeyLimits(
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string>? AllowedModels,
    IReadOnlyList<IPNetwork>? AllowedIps,
    int? RequestsPerMinute,
    long? TokensPerMinute,
    int? MaxConcurrentRequests,
    KeySpendLimit? SpendLimit = null)
{
    public static KeyLimits None { get; } = new(null, null, null, null, null, null);

    /// <summary>Whether any of the rate limits (requests, tokens, concurrency) is set.</summary>
    public bool HasRateLimits => RequestsPerMinute is not null || TokensPerMinute is not null || MaxConcurrentRequests is not null;

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary>Whether a call from <paramref name="client"/> may use the key; no address at all passes only an unrestricted key.</summary>
    public bool AllowsClient(IPAddress? client)
    {
        if (AllowedIps is null)
        {
            return true;
        }

        if (client is null)
        {
            return false;
        }

        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        foreach (var network in AllowedIps)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the model with this id, or one of its aliases, matches one of the allowed ids, aliases or globs. The
    /// aliases are enumerated only for a key with an allow-list.
    /// </summary>
    public bool AllowsModel(string modelId, IEnumerable<string> aliases)
    {
        if (AllowedModels is null)
        {
            return true;
        }

        foreach (var pattern in AllowedModels)
        {
            if (ModelPattern.Matches(pattern, modelId))
            {
                return true;
            }

            foreach (var alias in aliases)
            {
                if (ModelPattern.Matches(pattern, alias))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>
/// The key's budget: at most <paramref name="NanoUsd"/> charged per <paramref name="Period"/> (<c>total</c>,
/// <c>day</c> or <c>month</c>, UTC). Held and settled by Billing with the balance (docs/adr/0033-key-budgets.md).
/// </summary>
public sealed record KeySpendLimit(long NanoUsd, string Period);
