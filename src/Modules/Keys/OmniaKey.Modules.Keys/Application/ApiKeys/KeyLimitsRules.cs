using System.Net;
using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>
/// What a key's limits may be, checked field by field with the field named (docs/api.md "Key limits"). Shared by
/// creation and update; only values a request sets are checked (null clears and is always valid).
/// </summary>
internal static class KeyLimitsRules
{
    public const int MaxListEntries = 100;
    public const int MaxModelPatternLength = 200;
    public const int MaxRpm = 1_000_000;
    public const long MaxTpm = 10_000_000_000;
    public const int MaxConcurrentRequests = 10_000;

    /// <summary>A billion USD: far above any real budget, far below where nano-USD sums could overflow.</summary>
    public const long MaxSpendLimitNanoUsd = 1_000_000_000L * 1_000_000_000L;

    /// <summary>An expiry further ahead than this is a mistake more often than a wish; no expiry is null.</summary>
    public static readonly TimeSpan MaxExpiryAhead = TimeSpan.FromDays(3660);

    public static IEnumerable<FieldError> Check(KeyLimitsPatch limits, DateTimeOffset now)
    {
        if (limits.ExpiresAt is { IsSet: true, Value: { } expiresAt })
        {
            if (expiresAt <= now)
            {
                yield return new("expires_at", "must be in the future.");
            }
            else if (expiresAt - now > MaxExpiryAhead)
            {
                yield return new("expires_at", "must be at most 10 years ahead; send null for a key that does not expire.");
            }
        }

        if (limits.AllowedModels is { IsSet: true, Value: { } models })
        {
            foreach (var error in CheckList("allowed_models", models, ModelPatternError))
            {
                yield return error;
            }
        }

        if (limits.AllowedIps is { IsSet: true, Value: { } ips })
        {
            foreach (var error in CheckList("allowed_ips", ips, NetworkError))
            {
                yield return error;
            }
        }

        if (limits.RpmLimit is { IsSet: true, Value: { } rpm } && rpm is < 1 or > MaxRpm)
        {
            yield return new("rpm_limit", $"must be between 1 and {MaxRpm} requests per minute, or null for no limit.");
        }

        if (limits.TpmLimit is { IsSet: true, Value: { } tpm } && tpm is < 1 or > MaxTpm)
        {
            yield return new("tpm_limit", $"must be between 1 and {MaxTpm} tokens per minute, or null for no limit.");
        }

        if (limits.MaxConcurrentRequests is { IsSet: true, Value: { } concurrent } && concurrent is < 1 or > MaxConcurrentRequests)
        {
            yield return new("max_concurrent_requests", $"must be between 1 and {MaxConcurrentRequests}, or null for no limit.");
        }

        if (limits.SpendLimitNanoUsd is { IsSet: true, Value: { } spend } && spend is < 1 or > MaxSpendLimitNanoUsd)
        {
            yield return new("spend_limit_usd", "must be more than 0 and at most 1000000000 USD, or null for no budget.");
        }

        if (limits.SpendLimitPeriod is { IsSet: true, Value: { } period } && !KeySpendPeriods.All.Contains(period, StringComparer.Ordinal))
        {
            yield return new("spend_limit_period", "must be total, day or month (UTC).");
        }
    }

    /// <summary>An IP address or a CIDR range, as <c>NetworkList.ParseEntry</c> reads it when the key is loaded.</summary>
    public static bool IsNetwork(string entry) => IPNetwork.TryParse(entry, out _) || IPAddress.TryParse(entry, out _);

    private static IEnumerable<FieldError> CheckList(string field, IReadOnlyList<string> entries, Func<string, string?> check)
    {
        if (entries.Count == 0)
        {
            yield return new(field, "must not be empty; send null to remove the limit.");
            yield break;
        }

        if (entries.Count > MaxListEntries)
        {
            yield return new(field, $"may have at most {MaxListEntries} entries.");
            yield break;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (check(entries[i]) is { } problem)
            {
                yield return new(field, $"entry {i} (\"{Shorten(entries[i])}\") {problem}");
            }
        }
    }

    private static string? ModelPatternError(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return "must not be empty.";
        }

        if (entry.Length > MaxModelPatternLength)
        {
            return $"must be at most {MaxModelPatternLength} characters.";
        }

        return entry.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? "must not contain spaces or control characters; use a model id, an alias or a glob such as claude-*."
            : null;
    }

    private static string? NetworkError(string entry) =>
        IsNetwork(entry) ? null : "is neither an IP address nor a CIDR range (e.g. 203.0.113.0/24).";

    private static string Shorten(string entry) => entry.Length <= 60 ? entry : entry[..60] + "…";
}
