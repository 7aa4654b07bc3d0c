using System.Collections.Concurrent;
using System.Net;
using OmniaKey.Modules.Compliance.Application.Decisions;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Compliance.Domain.Territory;

namespace OmniaKey.Modules.Compliance.Infrastructure.ApiGate;

/// <summary>
/// The <c>/v1</c> check, from memory: the client IP's country is resolved once and cached (the resolver is in memory
/// too, but a hot path should not walk the override list and the database tree on every call), and the call is
/// judged on it alone (there is no declared or card country on a call). Nothing here touches the database: a denial,
/// and the first allow per account, IP country and UTC day, are handed to <see cref="DecisionAuditQueue"/>, which
/// writes them in the background. An IP the database does not know is allowed (the other surfaces judge the other
/// signals).
/// </summary>
internal sealed class TerritoryGate(AccessEvaluator evaluator, DecisionAuditQueue audit, TimeProvider clock) : ITerritoryGate
{
    /// <summary>Past this many entries a cache is emptied and refilled: a bound on memory, not a policy.</summary>
    public const int MaxCachedEntries = 100_000;

    /// <summary>How long an address's country is trusted before it is resolved again (a reloaded database, new overrides).</summary>
    public static readonly TimeSpan CountryLifetime = TimeSpan.FromMinutes(10);

    private const string Unknown = "";

    private static readonly TerritoryDenial Denial = new(
        RestrictedTerritoryException.ErrorCode,
        "OmniaKey is not available in your country, region or territory (Terms §2).");

    private readonly ConcurrentDictionary<IPAddress, (string Country, DateTimeOffset ResolvedAt)> countries = new();
    private readonly ConcurrentDictionary<(Guid AccountId, string Country, DateOnly Day), byte> allowsRecorded = new();

    public TerritoryDenial? CheckApiCall(IPAddress? clientIp, Guid accountId)
    {
        var now = clock.GetUtcNow();
        var country = CountryOf(clientIp, now);
        if (RestrictedTerritory.Contains(country))
        {
            audit.Enqueue(Decision(AccessOutcomes.Deny, clientIp, country, accountId), now);
            return Denial;
        }

        // The allow is audited once per account, IP country and UTC day (what an investigation needs: where an
        // account called from, and when), not once per call.
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (allowsRecorded.Count >= MaxCachedEntries)
        {
            allowsRecorded.Clear();
        }

        if (allowsRecorded.TryAdd((accountId, country ?? Unknown, day), 0))
        {
            audit.Enqueue(Decision(AccessOutcomes.Allow, clientIp, country, accountId), now);
        }

        return null;
    }

    private string? CountryOf(IPAddress? ip, DateTimeOffset now)
    {
        if (ip is null)
        {
            return null;
        }

        if (!countries.TryGetValue(ip, out var cached) || now - cached.ResolvedAt >= CountryLifetime)
        {
            if (countries.Count >= MaxCachedEntries)
            {
                countries.Clear();
            }

            cached = (evaluator.ResolveCountry(ip) ?? Unknown, now);
            countries[ip] = cached;
        }

        return cached.Country.Length == 0 ? null : cached.Country;
    }

    private static AccessDecisionDto Decision(string outcome, IPAddress? ip, string? country, Guid accountId) =>
        new(AccessSurfaces.Api, outcome, country, country is null ? null : AccessSignals.IpCountry, accountId, ip?.ToString(), country, null, null);
}
