using System.Net;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Infrastructure;

/// <summary>Turns stored limits into the hot path's form once per load: IP entries parsed into networks.</summary>
internal static class KeyLimitsCompiler
{
    public static KeyLimits Compile(KeyLimitSettings settings)
    {
        if (settings == KeyLimitSettings.None)
        {
            return KeyLimits.None;
        }

        return new KeyLimits(
            settings.ExpiresAt,
            settings.AllowedModels,
            settings.AllowedIps is { } ips ? Networks(ips) : null,
            settings.RpmLimit,
            settings.TpmLimit,
            settings.MaxConcurrentRequests,
            settings.SpendLimitNanoUsd is { } spend ? new KeySpendLimit(spend, settings.SpendLimitPeriod ?? "total") : null);
    }

    /// <summary>
    /// Entries were validated when they were set; one that does not parse now is left out, which narrows the list
    /// (a list left empty admits no address) rather than failing every call of the key.
    /// </summary>
    private static List<IPNetwork> Networks(IReadOnlyList<string> entries)
    {
        var networks = new List<IPNetwork>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                networks.Add(NetworkList.ParseEntry(entry, "allowed_ips"));
            }
            catch (InvalidOperationException)
            {
                // Skipped, as above.
            }
        }

        return networks;
    }
}
